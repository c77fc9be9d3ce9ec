import AutogradTestSupport
import Testing
@testable import Autograd

/// The internal `triangularProduct` (BLAS `trmm`) behind the Cholesky pullback: its value is
/// the product of the read triangle and B, and its rules pass the gradient checker to second
/// order, for every triangle and transpose, in both types.
@Suite("Triangular product")
struct TriangularProductTests {
    static let triangles: [(Triangle, Bool)] = [false, true].flatMap { lower in
        [false, true].flatMap { unit in [false, true].map { (Triangle(lower: lower, unitDiagonal: unit), $0) } }
    }

    @Test("op(T)·B equals matmul of T's read entries (ones on a unit diagonal) and B", arguments: DType.allCases)
    func values(_ dtype: DType) {
        let a = sample([3, 3], seed: 71).converted(to: dtype), b = sample([3, 2], seed: 72).converted(to: dtype)
        for (triangle, transposing) in Self.triangles {
            let read = triangle.restricting(a) + (triangle.unitDiagonal ? Tensor.eye(3, dtype: dtype) : Tensor.zeros([3, 3], dtype: dtype))
            let expected = matmul(read, b, transposingA: transposing)
            let product = triangularProduct(a, b, triangle, transposingA: transposing)
            #expect(product.dtype == dtype)
            expectClose(product.scalars, expected.scalars, tolerance: dtype == .float32 ? 1e-6 : 1e-14)
        }
    }

    @Test("pullback and differential match central differences, to second order", arguments: DType.allCases)
    func gradientCheck(_ dtype: DType) {
        let inputs = [sample([3, 3], seed: 73), sample([3, 2], seed: 74)].map { $0.converted(to: dtype) }
        for (triangle, transposing) in Self.triangles {
            let report = checkGradients(at: inputs, order: 2) { t in
                let product = triangularProduct(t[0], t[1], triangle, transposingA: transposing)
                return product * product * t[1]
            }
            #expect(report.passed, "lower \(triangle.lower), unit \(triangle.unitDiagonal), transposing \(transposing): \(report)")
        }
    }
}
