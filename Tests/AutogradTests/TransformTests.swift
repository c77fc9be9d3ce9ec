import AutogradTestSupport
import Testing
@testable import Autograd

@Suite("Hessian-vector products, Jacobians and Hessians")
struct TransformTests {
    // f(x) = (Σ x²)² + Σ cos x; by hand: ∇f = 4(Σx²)·x − sin x, H = 4(Σx²)·I + 8·x·xᵀ − diag(cos x).
    static func quartic(_ x: Tensor) -> Tensor { square((x * x).sum()) + cos(x).sum() }
    static func closedFormHessian(_ x: [Double]) -> [Double] {
        let s = x.reduce(0) { $0 + $1 * $1 }
        return x.indices.flatMap { i in x.indices.map { j in
            (i == j ? 4 * s - Foundation.cos(x[i]) : 0) + 8 * x[i] * x[j]
        } }
    }
    let x = Tensor([0.5, -1.0, 2.0])
    let v = Tensor([1.0, 0.25, -0.5])

    @Test("H·v both ways agrees with the closed form")
    func hessianVectorProducts() {
        let h = Self.closedFormHessian(x.scalars)
        let expected = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + h[i * 3 + $1] * v.scalars[$1] } }
        expectClose(hessianVectorProduct(at: x, along: v, of: Self.quartic).scalars, expected)
        expectClose(hessianVectorProduct(at: x, along: v, method: .reverseOverReverse, of: Self.quartic).scalars, expected)
    }

    @Test("hessian is symmetric and matches the closed form")
    func hessianMatrix() {
        let h = hessian(at: x, of: Self.quartic)
        #expect(h.shape == [3, 3])
        expectClose(h.scalars, Self.closedFormHessian(x.scalars))
        expectClose(h.scalars, h.transposed().scalars, tolerance: 0)
    }

    @Test("jacobian in both modes has shape output + input and matches the hand derivation")
    func jacobians() {
        // f(X) = X ⊙ X summed over axis 1, X of shape [2, 2]: ∂fᵢ/∂Xⱼₖ = 2Xᵢₖ if i = j.
        let matrix = Tensor([[1.0, 2.0], [3.0, 4.0]])
        let expected: [Double] = [2, 4, 0, 0, 0, 0, 6, 8]
        for mode in [JacobianMode.automatic, .reverse, .forward] {
            let j = jacobian(at: matrix, mode: mode) { ($0 * $0).sum(alongAxes: 1) }
            #expect(j.shape == [2, 2, 2])
            #expect(j.scalars == expected)
        }
    }

    @Test("the Jacobian of a function that ignores its input is zero")
    func ignoredInput() {
        for mode in [JacobianMode.reverse, .forward] {
            let j = jacobian(at: Tensor([1.0, 2.0]), mode: mode) { _ in Tensor([3.0, 4.0, 5.0]) }
            #expect(j.shape == [3, 2] && j.scalars.allSatisfy { $0 == 0 })
        }
    }

    @Test("gradients with respect to captured parameters, in order")
    func parameters() {
        let w = Tensor([[1.0, 2.0], [3.0, 4.0]]).requiringGradient()
        let b = Tensor([0.5, -0.5])  // not marked: still differentiated, left unmarked afterwards
        let input = Tensor([[1.0, 1.0]])
        let (loss, grads) = valueWithGradient(withRespectTo: [w, b]) { (matmul(input, w) + b).sum() }
        #expect(loss.scalar == 10)
        #expect(grads[0].scalars == [1, 1, 1, 1])  // ∂/∂W = inputᵀ · 1
        #expect(grads[1].scalars == [1, 1])
        #expect(w.grad == nil && !b.requiresGrad)
    }
}

@Suite("Custom derivative rules")
struct CustomDerivativeTests {
    // f(x, y) = y · sin x with hand-written rules (JAX's custom_jvp example).
    let f = CustomDerivative(
        "f",
        forward: { inputs in (value: inputs[1] * sin(inputs[0]), residuals: [cos(inputs[0])]) },
        pullback: { cotangent, rule in
            [cotangent * rule.inputs[1] * cos(rule.inputs[0]), cotangent * sin(rule.inputs[0])]
        },
        differential: { tangents, rule in
            tangents[0] * rule.inputs[1] * cos(rule.inputs[0]) + tangents[1] * sin(rule.inputs[0])
        })

    @Test("values and both rules match the hand derivation and pass the checker, to second order")
    func rules() {
        let x = Tensor(2.0), y = Tensor(3.0)
        #expect(f(x, y).scalar == 3 * Foundation.sin(2.0))
        let (gx, gy) = gradient(at: x, y) { self.f($0, $1) }
        #expect(gx.scalar == 3 * Foundation.cos(2.0) && gy.scalar == Foundation.sin(2.0))
        let report = checkGradients(at: [Tensor([0.3, 1.1]), Tensor([2.0, -1.0])], order: 2) { self.f($0[0], $0[1]) }
        #expect(report.passed, "\(report)")
    }

    @Test("an input that needs no gradient, and residuals")
    func noGradientInput() {
        let scale = CustomDerivative(
            "scale",
            forward: { inputs in (value: inputs[0] * inputs[1], residuals: [inputs[1]]) },
            pullback: { cotangent, rule in [cotangent * rule.residuals[0], nil] })
        let g = gradient(at: Tensor([1.0, 2.0])) { scale($0, Tensor([5.0, 7.0])).sum() }
        #expect(g.scalars == [5, 7])
    }

    @Test("the checker catches a wrong rule")
    func wrongRuleFails() {
        let wrong = CustomDerivative(
            "wrongSquare", forward: { (value: $0[0] * $0[0], residuals: []) },
            pullback: { cotangent, rule in [cotangent * rule.inputs[0]] },  // should be 2x
            differential: { tangents, rule in 2 * tangents[0] * rule.inputs[0] })
        #expect(!checkGradients(at: Tensor([1.0, 2.0])) { wrong($0) }.passed)
    }

    @Test("no reference cycle through a rule's residuals")
    func noCycle() {
        weak var weakOutput: Tensor?
        do {
            let output = f(Tensor(1.0).requiringGradient(), Tensor(2.0))
            weakOutput = output
            output.backward()
        }
        #expect(weakOutput == nil)
    }
}

import Foundation

@Suite("Transforms and the caller's graph")
struct CallerGraphTests {
    @Test("a gradient stays differentiable with respect to a captured tensor that requires gradients")
    func capturedTensor() {
        // g = ∂/∂x Σ w·x² = 2wx; L = w² + g = w² + 2wx at w = 3, x = 2: dL/dw = 2w + 2x = 10.
        let w = Tensor([3.0]).requiringGradient()
        let g = gradient(at: Tensor([2.0])) { (w * $0 * $0).sum() }
        ((w * w).sum() + g.sum()).backward()
        #expect(w.grad?.scalars == [10])
    }

    @Test("gradient(withRespectTo:) leaves the caller's graph usable")
    func keepsCallerGraph() {
        let w = Tensor([0.5]).requiringGradient()
        let h = exp(w)
        let g = gradient(withRespectTo: [w]) { (h * h).sum() }  // d/dw e^{2w} = 2e^{2w}
        expectClose(g[0].scalars, [2 * Foundation.exp(1.0)])
        h.sum().backward()
        expectClose(w.grad!.scalars, [Foundation.exp(0.5)])
    }

    @Test("gradient(withRespectTo:) gives total derivatives whatever else is listed")
    func totalDerivatives() {
        let w = Tensor([1.0]).requiringGradient()
        let doubled = w * 2
        func f() -> Tensor { (doubled + w).sum() }  // = 3w
        #expect(gradient(withRespectTo: [w], of: f)[0].scalars == [3])
        let both = gradient(withRespectTo: [w, doubled], of: f)
        #expect(both[0].scalars == [3] && both[1].scalars == [1])
    }

    @Test("pow has exact derivatives at zero for p = 0, 1, 2")
    func powerAtZero() {
        #expect(gradient(at: Tensor([0.0])) { pow($0, 0).sum() }.scalars == [0])
        #expect(gradient(at: Tensor([0.0])) { pow($0, 1).sum() }.scalars == [1])
        #expect(hessian(at: Tensor([0.0, 0.0])) { pow($0, 2).sum() }.scalars == [2, 0, 0, 2])
        let third = gradient(at: Tensor([0.0])) { x in hessianVectorProduct(at: x, along: Tensor([1.0])) { pow($0, 2).sum() }.sum() }
        #expect(third.scalars == [0])
    }
}

@Suite("Transforms after a backward pass")
struct FreedGraphTests {
    @Test("a functional gradient may capture a tensor whose graph backward() already freed")
    func capturedFreedGraph() {
        let w = Tensor([0.5]).requiringGradient()
        let h = exp(w)
        h.sum().backward()
        let g = gradient(at: Tensor([2.0])) { (h * $0 * $0).sum() }  // 2·h·x
        expectClose(g.scalars, [4 * Foundation.exp(0.5)])
    }
}
