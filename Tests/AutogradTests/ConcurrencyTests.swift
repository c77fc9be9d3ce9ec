import Dispatch
import Synchronization
import Foundation
import Testing
import Autograd

/// Transforms on tensors shared between threads: nothing a transform does may change a
/// caller's tensor. `scripts/test` also runs this suite under ThreadSanitizer.
@Suite("Concurrent transforms")
struct ConcurrencyTests {
    @Test("eight threads differentiating with respect to one shared tensor all get the exact gradient")
    func sharedParameter() {
        // Shared read-only between threads: what this test exercises.
        let x = Tensor([[0.5, -1.0], [2.0, 0.25]])
        let w = Tensor([[0.3, -0.2], [0.1, 0.4]])  // does not require gradients
        // ∂/∂W Σ tanh(XW) = Xᵀ(1 − tanh²(XW)), by hand in Doubles.
        let z = (0..<2).flatMap { i in (0..<2).map { j in
            (0..<2).reduce(0.0) { (sum: Double, l: Int) in sum + x.scalars[i * 2 + l] * w.scalars[l * 2 + j] }
        } }
        let slope = z.map { 1 - Foundation.tanh($0) * Foundation.tanh($0) }
        let expected = (0..<2).flatMap { k in (0..<2).map { j in
            (0..<2).reduce(0.0) { (sum: Double, l: Int) in sum + x.scalars[l * 2 + k] * slope[l * 2 + j] }
        } }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1_000 {
                let g = gradient(withRespectTo: [w]) { tanh(matmul(x, w)).sum() }[0]
                if zip(g.scalars, expected).contains(where: { abs($0 - $1) > 1e-12 }) { wrong.withLock { $0 += 1 } }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
        #expect(!w.requiresGrad && w.grad == nil)
    }
}
