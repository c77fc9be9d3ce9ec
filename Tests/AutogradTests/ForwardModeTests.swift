import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("Forward mode")
struct ForwardModeTests {
    @Test("jvp gives the directional derivative in one forward pass")
    func directionalDerivative() {
        let x = Tensor([0.5, 1.0])
        let (value, tangent) = jvp(at: x, tangent: Tensor([1.0, 2.0])) { sin($0) }
        expectClose(value.scalars, [0.479425538604203, 0.8414709848078965])  // sin 0.5, sin 1
        expectClose(tangent.scalars, [0.8775825618903728, 2 * 0.5403023058681398])  // cos x ⊙ v
        #expect(!value.requiresGrad)  // no graph recorded
    }

    @Test("forward mode while recording leaks nothing (tangent graphs hold their primals)")
    func noLeaks() {
        weak var intermediate: Tensor?
        _ = hessianVectorProduct(at: Tensor([0.5, 1.0]), along: Tensor([1.0, 1.0])) { x in
            let y = exp(x)
            intermediate = y
            return y.sum()
        }
        #expect(intermediate == nil)
        _ = jvp(at: Tensor([0.5, 1.0]).requiringGradient(), tangent: Tensor([1.0, 1.0])) { x in
            let y = tanh(x)
            intermediate = y
            return y * 2
        }
        #expect(intermediate == nil)
    }

    @Test("nested jvp does not confuse perturbations: d/dx [x · d/dy (x + y)] = 1")
    func perturbationConfusion() {
        let result = jvp(at: Tensor(1.0), tangent: Tensor(1.0)) { x in
            let inner = jvp(at: Tensor(1.0), tangent: Tensor(1.0)) { y in x + y }.tangent
            return x * inner
        }
        #expect(result.tangent.scalar == 1)
    }

    @Test("nested jvp gives mixed second derivatives: ∂²(x²y)/∂x∂y = 2x")
    func mixedSecondDerivative() {
        let y0 = Tensor(5.0)
        let outer = jvp(at: Tensor(3.0), tangent: Tensor(1.0)) { x in
            jvp(at: y0, tangent: Tensor(1.0)) { y in x * x * y }.tangent  // ∂/∂y = x²
        }
        #expect(outer.value.scalar == 9)
        #expect(outer.tangent.scalar == 6)
    }

    @Test("forward over reverse: the JVP of a gradient is a Hessian-vector product")
    func forwardOverReverse() {
        // f = Σ x³, ∇f = 3x², H = diag(6x); H·v = 6x ⊙ v.
        let x = Tensor([1.0, 2.0])
        let hv = jvp(at: x, tangent: Tensor([1.0, -1.0])) { x in gradient(at: x) { pow($0, 3).sum() } }.tangent
        expectClose(hv.scalars, [6, -12])
    }

    @Test("reverse over forward: the gradient of a directional derivative")
    func reverseOverForward() {
        // ⟨∇f, v⟩ for f = Σ x³ is Σ 3x²v; its gradient is 6x ⊙ v.
        let v = Tensor([1.0, -1.0])
        let g = gradient(at: Tensor([1.0, 2.0])) { x in jvp(at: x, tangent: v) { pow($0, 3).sum() }.tangent }
        expectClose(g.scalars, [6, -12])
    }

    @Test("reverse over reverse: the gradient of a gradient")
    func reverseOverReverse() {
        // d/dx (d/dx x³) = 6x.
        let g = gradient(at: Tensor(2.0)) { x in gradient(at: x) { pow($0, 3).sum() }.sum() }
        #expect(g.scalar == 12)
    }

    @Test("jvp with several inputs")
    func severalInputs() {
        let (value, tangent) = jvp(at: [Tensor(2.0), Tensor(3.0)], tangents: [Tensor(1.0), Tensor(10.0)]) { $0[0] * $0[1] }
        #expect(value.scalar == 6)
        #expect(tangent.scalar == 3 + 20)
    }
}
