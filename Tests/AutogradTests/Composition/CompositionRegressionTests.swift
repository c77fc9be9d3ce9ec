import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// The cases issue 8 reported as silently wrong or needlessly trapping, each against a hand
/// derivation.
@Suite("Composition regressions")
struct CompositionRegressionTests {
    let x = Tensor([1.0, 2.0, 3.0])

    @Test("the gradient of a Hessian's sum: Σ∂²(Σx³)/∂x² = Σ 6x, so ∂/∂x = 6")
    func gradientOfHessian() {
        #expect(gradient(at: x) { hessian(at: $0) { pow($0, 3).sum() }.sum() }.scalars == [6, 6, 6])
    }

    @Test("the gradient of a Jacobian's sum: J of x ⊙ x is diag(2x), so ∂/∂x Σ J = 2")
    func gradientOfJacobian() {
        for mode in [JacobianMode.reverse, .forward] {
            #expect(gradient(at: x) { jacobian(at: $0, mode: mode) { $0 * $0 }.sum() }.scalars == [2, 2, 2])
        }
    }

    @Test("a pullback made outside a transform and called inside it is linear in its cotangent")
    func pullbackCalledLater() {
        let (_, pullback) = valueWithPullback(at: x) { sin($0) }
        let c = Tensor([0.5, -1.0, 2.0])
        let u = Tensor([1.0, 1.0, 1.0])
        let cosine = x.scalars.map(Foundation.cos)
        // pullback(u) = u ⊙ cos x: ∂/∂u ⟨pullback(u), c⟩ = cos x ⊙ c, and its JVP along t is t ⊙ cos x.
        expectClose(gradient(at: u) { (pullback($0) * c).sum() }.scalars, zip(cosine, c.scalars).map(*))
        expectClose(jvp(at: u, tangent: c) { pullback($0) }.tangent.scalars, zip(cosine, c.scalars).map(*))
        #expect(!withoutGradients { pullback(u.requiringGradient()) }.requiresGrad)
    }

    @Test("no needless trap below a target whose graph backward() freed; the total derivative is 2h")
    func freedGraphBelowTarget() {
        let w = Tensor([1.0, 2.0]).requiringGradient()
        let h = w * 2
        h.sum().backward()
        #expect(gradient(withRespectTo: [h]) { (h * h).sum() }[0].scalars == [4, 8])
    }

    @Test("gradient(withRespectTo:) inside a transform: its value and gradient keep their derivatives")
    func parametersInsideTransform() {
        let w = Tensor([1.0, 2.0]).requiringGradient()
        let theta = Tensor(0.5)
        // value = θ·Σw + θ², so ∂value/∂θ = Σw + 2θ = 4; gradient = 2θw, so ∂Σgradient/∂θ = 2Σw = 6.
        #expect(gradient(at: theta) { theta in valueWithGradient(withRespectTo: [w]) { (w * theta).sum() + theta * theta }.value }.scalar == 4)
        #expect(gradient(at: theta) { theta in gradient(withRespectTo: [w]) { (w * w * theta).sum() }[0].sum() }.scalar == 6)
        // At top level, with a parameter that does not require gradients, nothing could
        // differentiate the value: it comes back detached.
        let v = Tensor([1.0, 2.0])
        #expect(!valueWithGradient(withRespectTo: [v]) { (v * v).sum() }.value.requiresGrad)
    }

    @Test("a gradient with respect to a parameter that requires gradients is differentiable again")
    func parameterRequiringGradients() {
        // g = 3w², so ∂/∂w (Σw + Σg) = 1 + 6w.
        let w = Tensor([1.0, 2.0, 3.0]).requiringGradient()
        let g = gradient(withRespectTo: [w]) { (w * w * w).sum() }[0]
        (w.sum() + g.sum()).backward()
        #expect(w.grad?.scalars == [7, 13, 19])
    }

    @Test("a pullback made outside a transform gives the total derivative with respect to a tensor it captured")
    func pullbackOfCapturedParameter() {
        // pb(1) = w(1 − t²) with t = tanh(xw): ∂/∂w Σ pb(1) = (1 − t²) − 2t(1 − t²)·xw, by hand.
        let x = Tensor([0.5, -1.0, 2.0]), w = Tensor([0.3, 0.7, -0.4])
        let (_, pullback) = valueWithPullback(at: x) { tanh($0 * w) }
        let expected = zip(x.scalars, w.scalars).map { x, w in
            let t = Foundation.tanh(x * w)
            return (1 - t * t) - 2 * t * (1 - t * t) * x * w
        }
        expectClose(gradient(withRespectTo: [w]) { pullback(Tensor.ones([3])).sum() }[0].scalars, expected)
    }

    @Test("work a transform's closure hands to another thread is differentiated")
    func otherThread() {
        let x = Tensor([0.5, 1.0, 2.0])
        let g = gradient(at: x) { x in
            let input = x
            nonisolated(unsafe) var result: Tensor?
            let done = DispatchSemaphore(value: 0)
            Thread { result = sin(input); done.signal() }.start()
            done.wait()
            return result!.sum()
        }
        expectClose(g.scalars, x.scalars.map(Foundation.cos))
    }

    @Test("inside jvp a custom rule's value and residuals come from one run of its forward computation")
    func oneForwardRun() {
        // A forward computation that counts its runs: inside jvp it must run once.
        nonisolated(unsafe) var runs = 0
        let counted = CustomDerivative(
            "counted sine",
            forward: { inputs in runs += 1; return (value: sin(inputs[0]), residuals: [cos(inputs[0])]) },
            pullback: { cotangent, rule in [cotangent * rule.residuals[0]] },
            differential: { tangents, rule in tangents[0] * rule.residuals[0] })
        let x = Tensor([0.5, 1.0])
        let tangent = jvp(at: x, tangent: Tensor([1.0, 1.0])) { counted($0) }.tangent
        #expect(runs == 1)
        expectClose(tangent.scalars, x.scalars.map(Foundation.cos))
    }

    @Test("a custom rule's residual is differentiated through the forward computation at second order")
    func residualAtSecondOrder() {
        // sin with the residual cos x: ∂²(Σ sin x)/∂x² = −sin x, by every second-order route.
        let expected = x.scalars.map { -Foundation.sin($0) }
        let direction = Tensor([1.0, 1.0, 1.0])
        for method in [HessianVectorProductMethod.forwardOverReverse, .reverseOverReverse] {
            let product = hessianVectorProduct(at: x, along: direction, method: method) { sineWithResidual()($0).sum() }
            expectClose(product.scalars, expected)
        }
        #expect(checkGradients(at: x, order: 2) { sineWithResidual()($0) }.passed)
    }

    @Test("a residual rebuilt from raw values works at first order")
    func rawResidualFirstOrder() {
        let cosine = x.scalars.map(Foundation.cos)
        expectClose(gradient(at: x) { rawCosineRule()($0).sum() }.scalars, cosine)
        expectClose(jvp(at: x, tangent: Tensor([1.0, 1.0, 1.0])) { rawCosineRule()($0) }.tangent.scalars, cosine)
    }

    @Test("a residual rebuilt from raw values traps at second order in reverse mode, naming the rule")
    func rawResidualReverseOverReverse() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = hessianVectorProduct(at: Tensor([1.0, 2.0]), along: Tensor([1.0, 1.0]), method: .reverseOverReverse) {
                rawCosineRule()($0).sum()
            }
        }
        #expect(standardError(of: result).contains("residual 0 of custom rule 'sine with a raw residual'"))
    }

    @Test("a residual rebuilt from raw values traps at second order in forward mode, naming the rule")
    func rawResidualForwardOverReverse() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = hessian(at: Tensor([1.0, 2.0])) { rawCosineRule()($0).sum() }
        }
        #expect(standardError(of: result).contains("residual 0 of custom rule 'sine with a raw residual'"))
    }

    @Test("a custom differential of the wrong shape traps naming the rule and both shapes")
    func wrongDifferentialShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let double = CustomDerivative(
                "double", forward: { (value: $0[0] * 2, residuals: []) }, differential: { tangents, _ in tangents[0].sum() * 2 })
            _ = jvp(at: Tensor([1.0, 2.0, 3.0]), tangent: Tensor([1.0, 0.0, 0.0])) { double($0) }
        }
        #expect(standardError(of: result).contains(
            "custom rule 'double': differential returned a tangent of shape [] for an output of shape [3]"))
    }

    @Test("a freed graph between two targets traps: the derivative through it cannot be computed")
    func freedGraphBetweenTargets() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let w = Tensor([1.0, 2.0]).requiringGradient()
            let h = w * 2
            h.sum().backward()
            _ = gradient(withRespectTo: [w, h]) { (h * h).sum() }
        }
        #expect(standardError(of: result).contains("gradient: the graph through '*' (output shape [2]) was freed"))
    }
}

/// sin as a custom rule whose residual, cos x, is rebuilt from raw values: it carries no
/// derivative, so a higher order through it must trap rather than take it as constant.
func rawCosineRule() -> CustomDerivative {
    CustomDerivative(
        "sine with a raw residual",
        forward: { inputs in
            (value: sin(inputs[0]), residuals: [Tensor(shape: inputs[0].shape, scalars: inputs[0].scalars.map(Foundation.cos))])
        },
        pullback: { cotangent, rule in [cotangent * rule.residuals[0]] },
        differential: { tangents, rule in tangents[0] * rule.residuals[0] })
}
