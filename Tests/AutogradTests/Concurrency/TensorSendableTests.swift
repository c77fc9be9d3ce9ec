import Dispatch
import Foundation
import Synchronization
import Testing
import Autograd

/// `Tensor` is `Sendable`: its mutations (gradient accumulation, `assign`, in-place updates,
/// type conversion, hooks) may race with each other and with readers. This file compiles in the
/// Swift 6 language mode only because it is: every closure below that captures a tensor is
/// `@Sendable`. Run under ThreadSanitizer too (`--filter Concurrency`).
@Suite("Concurrency: a tensor shared between threads")
struct TensorConcurrencyTests {
    static let threads = 8
    static let passesPerThread = 40

    @Test("concurrent backward passes on separate graphs sharing a leaf add up every gradient exactly")
    func sharedLeafAccumulation() {
        let w = Tensor([1.0, -2, 0.5]).requiringGradient()
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for pass in 0..<Self.passesPerThread {
                let k = Double(thread * Self.passesPerThread + pass)
                (w * Tensor([k, 2 * k, 3 * k])).sum().backward()
            }
        }
        // Σ k for k = 0 ..< 320 is 320 · 319 / 2 = 51,040; each term is an integer, so every
        // order of summation gives the same Doubles.
        #expect(w.grad?.scalars == [51_040, 102_080, 153_120])
    }

    @Test("concurrent passes through one retained graph into a shared leaf match the closed form")
    func sharedRetainedGraph() {
        let w = Tensor([0.3, -1.2]).requiringGradient()
        let hidden = tanh(w)
        DispatchQueue.concurrentPerform(iterations: Self.threads) { thread in
            for pass in 0..<Self.passesPerThread {
                let k = Double(thread * Self.passesPerThread + pass)
                (hidden * k).sum().backward(retainingGraph: true)
            }
        }
        // ∂/∂w Σ_k k·tanh(w) = (Σ_k k)(1 − tanh² w), with Σ_k k = 51,040.
        let expected = [0.3, -1.2].map { 51_040 * (1 - Foundation.tanh($0) * Foundation.tanh($0)) }
        let gradient = w.grad?.scalars ?? []
        #expect(gradient.count == 2)
        #expect(zip(gradient, expected).allSatisfy { abs($0 - $1) <= 1e-12 * abs($1) })
    }

    @Test("a reader racing with assign, add(_:scaledBy:) and convert(to:) sees all old or all new values")
    func updatesRacingWithReaders() {
        let count = 2_048
        let x = Tensor(shape: [count], scalars: [Double](repeating: 0, count: count))
        let ones = Tensor(shape: [count], scalars: [Double](repeating: 1, count: count))
        let torn = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            if worker == 0 {
                for round in 1...300 {
                    switch round % 3 {
                    case 0: x.assign(Tensor(shape: [count], scalars: [Double](repeating: Double(round), count: count)).converted(to: x.dtype))
                    case 1: x.add(ones, scaledBy: 2)
                    default:
                        x.convert(to: x.dtype == .float64 ? .float32 : .float64)
                        ones.convert(to: x.dtype)
                    }
                }
            } else {
                for _ in 0..<300 {
                    for values in [x.scalars, (x + 0).scalars, x.detached().scalars] {
                        reads.add(1, ordering: .relaxed)
                        if values.count != count || values.contains(where: { $0 != values[0] }) {
                            torn.add(1, ordering: .relaxed)
                        }
                    }
                }
            }
        }
        #expect(reads.load(ordering: .relaxed) == 2 * 300 * 3)
        #expect(torn.load(ordering: .relaxed) == 0)
    }

    @Test("hooks registered and removed from many threads at once all take part, once each")
    func concurrentHooks() {
        let x = Tensor([1.0, 2]).requiringGradient()
        DispatchQueue.concurrentPerform(iterations: Self.threads) { _ in
            for _ in 0..<Self.passesPerThread {
                x.registerHook { $0 + 1 }
                x.registerHook { $0 * 1_000 }.remove()
            }
        }
        x.sum().backward()
        #expect(x.grad?.scalars == [321, 321])  // 1 + 8 · 40 hooks adding 1 each; every × 1,000 removed
    }

    @Test("zeroGrad() and requiresGrad racing with backward passes leave whole gradients")
    func zeroGradRacingWithBackward() {
        let w = Tensor([1.0, 1, 1]).requiringGradient()
        let torn = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            for _ in 0..<200 {
                switch worker {
                case 0: (w * 1).sum().backward()
                case 1:
                    w.zeroGrad()
                    w.requiresGrad = true
                default:
                    // Each pass adds 1 to every element, so a whole gradient has equal whole numbers.
                    if let values = w.grad?.scalars,
                       values.count != 3 || values.contains(where: { $0 != values[0] || $0 != $0.rounded() }) {
                        torn.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        #expect(torn.load(ordering: .relaxed) == 0)
        w.zeroGrad()
        w.sum().backward()
        #expect(w.grad?.scalars == [1, 1, 1])
    }
}
