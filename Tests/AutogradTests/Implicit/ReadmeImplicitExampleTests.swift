import AutogradTestSupport
import Testing
import Autograd

/// The README's implicit-differentiation example, as written there, with the values its
/// comments state (√θ, ½θ^(−1/2), −¼θ^(−3/2); the last against `solve`).
@Suite("README: implicit differentiation example")
struct ReadmeImplicitExampleTests {
    @Test("the example's values are the ones its comments give")
    func example() throws {
        let theta = Tensor([4.0, 9.0])
        let squareRoot: (Tensor) throws -> Tensor = { theta in
            try implicitRoot(of: { x in x * x - theta }, initialGuess: Tensor.ones([2])) { f, x in
                var x = x
                for _ in 0..<30 { x = x - f(x) / (2 * x) }     // Newton for x² = θ
                return x
            }
        }
        expectClose(try squareRoot(theta).scalars, [2, 3])
        expectClose(try gradient(at: theta) { try squareRoot($0).sum() }.scalars, [0.25, 1.0 / 6])
        expectClose(try hessianVectorProduct(at: theta, along: Tensor([1.0, 1.0])) { try squareRoot($0).sum() }.scalars,
                    [-0.03125, -0.25 / 27], tolerance: 1e-10)
        let m = Tensor([[4.0, 1.0], [1.0, 3.0]])
        let implicit = try gradient(at: m) { m in
            try linearSolve(Tensor([1.0, 2.0]), method: .conjugateGradient) { v in matmul(m, v) }.sum()
        }
        let direct = try gradient(at: m) { try solve($0, Tensor([1.0, 2.0])).sum() }
        expectClose(implicit.scalars, direct.scalars, tolerance: 1e-10)
    }
}
