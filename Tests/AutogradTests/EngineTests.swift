import Testing
@testable import Autograd

@Suite("Reverse-mode engine")
struct EngineTests {
    @Test("backward fills grad, accumulates across passes, and zeroGrad clears it")
    func accumulation() {
        let x = Tensor([1.0, 2.0, 3.0]).requiringGradient()
        let loss = (x * x).sum()  // ∂/∂x = 2x
        loss.backward(retainingGraph: true)
        #expect(x.grad?.scalars == [2, 4, 6])
        loss.backward()
        #expect(x.grad?.scalars == [4, 8, 12])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test("a tensor used twice gets both contributions")
    func fanOut() {
        let x = Tensor(3.0).requiringGradient()
        let y = x * x * x + x  // dy/dx = 3x² + 1 = 28
        y.backward()
        #expect(x.grad?.scalar == 28)
    }

    @Test("backward(seed:) gives a vector-Jacobian product")
    func seeded() {
        let x = Tensor([1.0, 2.0]).requiringGradient()
        (x * x).backward(seed: Tensor([3.0, 5.0]))  // seed ⊙ 2x
        #expect(x.grad?.scalars == [6, 20])
    }

    @Test("creatingGraph makes the gradient differentiable")
    func createGraph() {
        let x = Tensor(2.0).requiringGradient()
        (x * x * x).backward(creatingGraph: true)  // grad = 3x² = 12, d/dx grad = 6x = 12
        let first = x.grad!
        #expect(first.scalar == 12)
        #expect(first.requiresGrad)
        x.zeroGrad()
        first.backward()
        #expect(x.grad?.scalar == 12)
    }

    @Test("functional transforms leave users' grad alone")
    func functionalLeavesGradAlone() {
        let x = Tensor([1.0, 2.0]).requiringGradient()
        let g = gradient(at: x) { ($0 * $0).sum() }
        #expect(g.scalars == [2, 4])
        #expect(x.grad == nil)
        let (value, pullback) = valueWithPullback(at: x) { $0 * 3 }
        #expect(value.scalars == [3, 6])
        #expect(pullback(Tensor([1.0, 1.0])).scalars == [3, 3])
        #expect(pullback(Tensor([2.0, 0.0])).scalars == [6, 0])  // a pullback may be called again
        #expect(vjp(at: x, cotangent: Tensor([1.0, -1.0])) { $0 * $0 }.cotangent.scalars == [2, -4])
    }

    @Test("a function that ignores its input has a zero gradient")
    func ignoredInput() {
        let g = gradient(at: Tensor([1.0, 2.0])) { _ in Tensor(5.0) }
        #expect(g.scalars == [0, 0])
        let (gx, gy) = gradient(at: Tensor(1.0), Tensor(2.0)) { x, _ in x * 4 }
        #expect(gx.scalar == 4 && gy.scalar == 0)
    }

    @Test("functional transforms rethrow")
    func rethrowing() {
        struct Failure: Error {}
        #expect(throws: Failure.self) { try gradient(at: Tensor(1.0)) { _ throws -> Tensor in throw Failure() } }
    }

    @Test("withoutGradients records nothing, and only in its own task")
    func noGradientMode() async {
        let x = Tensor(1.0).requiringGradient()
        #expect(withoutGradients { (x * 2).requiresGrad } == false)
        #expect((x * 2).requiresGrad)
        // Two tasks at once: one inside withoutGradients, one outside; neither sees the other's mode.
        async let inside: Bool = withoutGradients {
            (0..<1_000).allSatisfy { _ in !isRecordingGradients }
        }
        async let outside: Bool = (0..<1_000).allSatisfy { _ in isRecordingGradients }
        let (a, b) = await (inside, outside)
        #expect(a && b)
    }

    @Test("a chain of 1,000,000 operations runs forward, backward and is freed without recursion")
    func longChain() {
        let x = Tensor(0.5).requiringGradient()
        var y = x
        for _ in 0..<1_000_000 { y = y * 1.0 }
        y.backward()
        #expect(x.grad?.scalar == 1)
        weak var weakLast: Tensor?
        do {
            var z = x
            for _ in 0..<1_000_000 { z = -z }
            weakLast = z
            #expect(weakLast != nil)
        }  // the last reference goes here; teardown must not overflow the stack
        #expect(weakLast == nil)
    }

    @Test("graph nodes are freed after backward and after the result is dropped")
    func noCycles() {
        let x = Tensor([1.0, 2.0]).requiringGradient()
        weak var intermediate: Tensor?
        weak var node: Node?
        do {
            let hidden = tanh(x) * x
            intermediate = hidden
            node = hidden.node
            let loss = hidden.sum()
            loss.backward()
            #expect(intermediate != nil)  // still held by the loss
        }
        #expect(intermediate == nil)
        #expect(node == nil)
        weak var retained: Tensor?
        do {
            let hidden = exp(x)
            retained = hidden
            _ = hidden.sum()  // never differentiated
        }
        #expect(retained == nil)
    }
}
