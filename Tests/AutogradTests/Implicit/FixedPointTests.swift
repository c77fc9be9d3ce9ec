import AutogradTestSupport
import Testing
import Autograd

/// Fixed points differentiated implicitly against differentiating through the unrolled
/// iteration: for a contraction, the unrolled iterate and its derivatives converge to the fixed
/// point's, so after many iterations they agree to rounding.
@Suite("fixedPoint")
struct FixedPointTests {
    /// x = cos(θ·x), θ = 0.8: a contraction (|θ·sin(θx)| < 0.5 near x* ≈ 0.77).
    static func cosine(_ theta: Tensor, _ linearSolver: ImplicitLinearSolver = .dense) -> Tensor {
        try! fixedPoint(of: { x in cos(theta * x) }, initialGuess: Tensor.zeros(theta.shape, dtype: theta.dtype), linearSolver: linearSolver)
    }

    /// x ← cos(θ·x) 200 times from 0, every step recorded.
    static func unrolledCosine(_ theta: Tensor) -> Tensor {
        (0..<200).reduce(Tensor.zeros(theta.shape, dtype: theta.dtype)) { x, _ in cos(theta * x) }
    }

    /// x = tanh(W·x + u), W 3 × 3 small enough for a contraction.
    static func layer(_ w: Tensor, _ u: Tensor, _ linearSolver: ImplicitLinearSolver = .dense) -> Tensor {
        try! fixedPoint(of: { x in tanh(matmul(w, x) + u) }, initialGuess: Tensor.zeros(u.shape, dtype: u.dtype), linearSolver: linearSolver)
    }

    static func unrolledLayer(_ w: Tensor, _ u: Tensor) -> Tensor {
        (0..<200).reduce(Tensor.zeros(u.shape, dtype: u.dtype)) { x, _ in tanh(matmul(w, x) + u) }
    }

    static var w: Tensor { 0.3 * sample([3, 3], seed: 11) }
    static var u: Tensor { sample([3], seed: 12) }

    @Test("x = cos(θx): value, first and second derivative match the unrolled iteration")
    func cosineAgainstUnrolled() {
        let theta = Tensor(0.8)
        let implicit = valueWithGradient(at: theta) { Self.cosine($0) }
        let unrolled = valueWithGradient(at: theta) { Self.unrolledCosine($0) }
        expectClose([implicit.value.scalar, implicit.gradient.scalar], [unrolled.value.scalar, unrolled.gradient.scalar],
                    tolerance: 1e-12)
        let one = Tensor(1.0)
        expectClose(hessianVectorProduct(at: theta, along: one) { Self.cosine($0) }.scalars,
                    hessianVectorProduct(at: theta, along: one) { Self.unrolledCosine($0) }.scalars, tolerance: 1e-10)
    }

    @Test("x = tanh(Wx + u): gradients and an HVP in W and u match the unrolled iteration",
          arguments: [ImplicitLinearSolver.dense, .matrixFree(.gmres(), tolerance: 1e-13)])
    func layerAgainstUnrolled(_ linearSolver: ImplicitLinearSolver) {
        let weights = sample([3], seed: 13)
        let inputs = [Self.w, Self.u]
        let implicit = gradient(at: inputs) { (Self.layer($0[0], $0[1], linearSolver) * weights).sum() }
        let unrolled = gradient(at: inputs) { (Self.unrolledLayer($0[0], $0[1]) * weights).sum() }
        for (mine, reference) in zip(implicit, unrolled) { expectClose(mine.scalars, reference.scalars, tolerance: 1e-11) }
        let directions = [sample([3, 3], seed: 14), sample([3], seed: 15)]
        let implicitHVP = hessianVectorProduct(at: inputs, along: directions) { (Self.layer($0[0], $0[1], linearSolver) * weights).sum() }
        let unrolledHVP = hessianVectorProduct(at: inputs, along: directions) { (Self.unrolledLayer($0[0], $0[1]) * weights).sum() }
        for (mine, reference) in zip(implicitHVP, unrolledHVP) { expectClose(mine.scalars, reference.scalars, tolerance: 1e-9) }
    }

    @Test("derivatives match central differences to second order",
          arguments: [ImplicitLinearSolver.dense, .matrixFree(.gmres(), tolerance: 1e-13)])
    func gradientCheck(_ linearSolver: ImplicitLinearSolver) {
        let cosine = checkGradients(at: Tensor(0.8), order: 2) { Self.cosine($0, linearSolver) }
        #expect(cosine.passed, "\(cosine)")
        let layer = checkGradients(at: [Self.w, Self.u], order: 2) { Self.layer($0[0], $0[1], linearSolver) }
        #expect(layer.passed, "\(layer)")
    }

    @Test("float32: the value and gradient match the unrolled iteration")
    func float32() {
        let theta = Tensor(0.8, dtype: .float32)
        let implicit = valueWithGradient(at: theta) { Self.cosine($0) }
        let unrolled = valueWithGradient(at: Tensor(0.8)) { Self.unrolledCosine($0) }
        #expect(implicit.value.dtype == .float32)
        expectClose([implicit.value.scalar, implicit.gradient.scalar], [unrolled.value.scalar, unrolled.gradient.scalar],
                    tolerance: 1e-5)
    }

    @Test("the value is the solver's, bit for bit, whether or not a transform differentiates it")
    func valueIndependentOfDifferentiation() {
        // float32 at θ = [0.5, 0.8]: the iteration stops about 55 ulps from the root; Newton
        // refinement inside a transform used to return a different value than a plain call.
        let theta = Tensor([0.5, 0.8]).converted(to: .float32)
        let plain = Self.cosine(theta)
        let inside = valueWithGradient(at: theta) { Self.cosine($0).sum() }
        let insideValue = valueWithPullback(at: theta) { Self.cosine($0) }.value
        #expect(insideValue.scalars == plain.scalars)
        #expect(inside.value.scalar == plain.sum().scalar)
    }

    @Test("an iteration that does not settle throws noConvergence")
    func noConvergence() {
        #expect {
            _ = try fixedPoint(of: { x in 2 * x + 1 }, initialGuess: Tensor(0.0), maximumIterations: 20)
        } throws: { error in
            guard case let .noConvergence(operation, reason)? = error as? LinearAlgebraError else { return false }
            return operation == "fixedPoint" && reason.contains("after 20 iterations")
        }
    }
}
