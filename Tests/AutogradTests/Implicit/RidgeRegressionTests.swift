import AutogradTestSupport
import Testing
import Autograd
import Foundation

/// Ridge regression, x(A, b, λ) = argmin ½‖A·x − b‖² + ½λ‖x‖², as the root of its gradient
/// F(x) = Aᵀ(A·x − b) + λ·x, against the normal equations (hand derivation):
///
///     x = (AᵀA + λI)⁻¹·Aᵀb        dx/dλ = −(AᵀA + λI)⁻¹·x
///
/// and against differentiating that formula through `solve` (LU, its own rules).
@Suite("implicitRoot: ridge regression")
struct RidgeRegressionTests {
    static var a: Tensor { sample([5, 3], seed: 1) }
    static var b: Tensor { sample([5], seed: 2) }
    static let lambda = 0.7

    /// The ridge solution as a root, A and λ captured.
    static func ridge(_ a: Tensor, _ b: Tensor, _ lambda: Tensor, _ linearSolver: ImplicitLinearSolver) -> Tensor {
        try! implicitRoot(
            of: { x in matmul(a.transposed(), matmul(a, x) - b) + lambda * x },
            initialGuess: Tensor.zeros([3], dtype: b.dtype), linearSolver: linearSolver, solver: newtonSolver)
    }

    /// (AᵀA + λI)⁻¹·Aᵀb through `solve`.
    static func normalEquations(_ a: Tensor, _ b: Tensor, _ lambda: Tensor) -> Tensor {
        try! solve(matmul(a.transposed(), a) + lambda * Tensor.eye(3, dtype: a.dtype), matmul(a.transposed(), b))
    }

    @Test("the value and dx/dλ match the normal equations", arguments: implicitLinearSolvers)
    func valueAndLambdaDerivative(_ linearSolver: ImplicitLinearSolver) {
        let (value, tangent) = jvp(at: Tensor(Self.lambda), tangent: Tensor(1.0)) { lambda in
            Self.ridge(Self.a, Self.b, lambda, linearSolver)
        }
        let expected = Self.normalEquations(Self.a, Self.b, Tensor(Self.lambda))
        let gram = matmul(Self.a.transposed(), Self.a) + Self.lambda * Tensor.eye(3)
        expectClose(value.scalars, expected.scalars, tolerance: 1e-12)
        expectClose(tangent.scalars, (-(try! solve(gram, expected))).scalars, tolerance: 1e-10)
    }

    @Test("gradients with respect to A, b and λ, and an HVP, match the formula through solve",
          arguments: implicitLinearSolvers)
    func againstFormula(_ linearSolver: ImplicitLinearSolver) {
        let weights = sample([3], seed: 3)
        let inputs = [Self.a, Self.b, Tensor(Self.lambda)]
        let implicit = gradient(at: inputs) { (Self.ridge($0[0], $0[1], $0[2], linearSolver) * weights).sum() }
        let formula = gradient(at: inputs) { (Self.normalEquations($0[0], $0[1], $0[2]) * weights).sum() }
        for (mine, reference) in zip(implicit, formula) { expectClose(mine.scalars, reference.scalars, tolerance: 1e-10) }
        let directions = [sample([5, 3], seed: 4), sample([5], seed: 5), Tensor(0.3)]
        let implicitHVP = hessianVectorProduct(at: inputs, along: directions) {
            pow(Self.ridge($0[0], $0[1], $0[2], linearSolver), 2).sum()
        }
        let formulaHVP = hessianVectorProduct(at: inputs, along: directions) {
            pow(Self.normalEquations($0[0], $0[1], $0[2]), 2).sum()
        }
        for (mine, reference) in zip(implicitHVP, formulaHVP) { expectClose(mine.scalars, reference.scalars, tolerance: 1e-9) }
    }

    @Test("derivatives match central differences to second order", arguments: implicitLinearSolvers)
    func gradientCheck(_ linearSolver: ImplicitLinearSolver) {
        let report = checkGradients(at: [Self.a, Self.b, Tensor(Self.lambda)], order: 2) {
            Self.ridge($0[0], $0[1], $0[2], linearSolver)
        }
        #expect(report.passed, "\(report)")
    }
}
