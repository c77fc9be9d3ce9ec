import AutogradTestSupport
import Testing
import Autograd

/// One `einsum` case: the specification, the operands' shapes, and NumPy's result.
struct EinsumCase: Sendable, CustomTestStringConvertible {
    let specification: String, shapes: [[Int]], shape: [Int], values: [Double]
    var testDescription: String { "\"\(specification)\" \(shapes)" }

    /// The operands: operand k is `productSample(shapes[k], seed: k + 1)`.
    func operands(_ dtype: DType) -> [Tensor] {
        shapes.enumerated().map { productSample($0.element, seed: $0.offset + 1, dtype: dtype) }
    }
}

/// Expected values from NumPy 2.4.6:
///
///     ops = [sample(s, k + 1) for k, s in enumerate(shapes)]   # see productSample
///     np.einsum(spec, *ops)
let einsumCases: [EinsumCase] = [
    ("ij,jk->ik", [[2, 3], [3, 4]], [2, 4], [-1.25, 1.1875, -0.5, -1.5, -1.1875, 1.3125, -1.0, -1.25]),
    ("bij,bjk->bik", [[2, 2, 3], [2, 3, 2]], [2, 2, 2], [0.875, 0.5625, 0.8125, 0.5625, 0.3125, 0.8125, -0.0625, 1.1875]),
    ("i,i->", [[4], [4]], [], [-0.8125]),
    ("i,j->ij", [[2], [3]], [2, 3], [-0.125, 0.375, -0.5, 0.3125, -0.9375, 1.25]),
    ("ij->ji", [[2, 3]], [3, 2], [-0.5, -0.75, 1.25, 1.0, 0.25, 0.0]),
    ("ii->i", [[3, 3]], [3], [-0.5, 1.0, -0.25]),
    ("ii->", [[3, 3]], [], [0.25]),
    ("ij->", [[2, 3]], [], [1.25]),
    ("bij,jk->bik", [[2, 2, 3], [3, 2]], [2, 2, 2], [0.875, 0.5625, 0.8125, 0.5625, 0.75, 0.5625, 0.6875, 0.5625]),
    ("ijk,kl->ijl", [[2, 2, 3], [3, 2]], [2, 2, 2], [0.875, 0.5625, 0.8125, 0.5625, 0.75, 0.5625, 0.6875, 0.5625]),
    ("ij,ij->ij", [[2, 3], [2, 3]], [2, 3], [-0.125, -0.9375, 0.25, 0.0, -1.0, 0.0]),
    ("ij,jk,kl->il", [[2, 3], [3, 2], [2, 2]], [2, 2], [0.3125, 0.421875, 0.25, 0.421875]),
    ("ij,jk", [[2, 3], [3, 2]], [2, 2], [0.875, 0.5625, 0.8125, 0.5625]),
    ("ij,kj->ik", [[2, 3], [4, 3]], [2, 4], [-0.8125, -1.0625, -1.3125, 1.875, -0.9375, -1.0, -1.0625, 1.625]),
    ("ji,jk->ik", [[3, 2], [3, 4]], [2, 4], [0.125, 0.0625, 0.6875, -0.0625, 1.0625, -1.5, 1.4375, 0.9375]),
    ("bij,bkj->bik", [[2, 2, 3], [2, 4, 3]], [2, 2, 4], [-0.8125, -1.0625, -1.3125, 1.875, -0.9375, -1.0, -1.0625, 1.625, 1.5, 1.625, 1.75, -0.875, 1.4375, 1.75, 2.0625, -1.0625]),
    ("iij,jk->ik", [[2, 2, 3], [3, 2]], [2, 2], [0.875, 0.5625, 0.6875, 0.5625]),
    ("ij,jk->", [[2, 3], [3, 2]], [], [2.8125]),
    ("i,jk,k->ij", [[2], [3, 4], [4]], [2, 3], [0.375, 0.84375, 0.28125, -0.9375, -2.109375, -0.703125]),
    ("...ij,...jk->...ik", [[2, 1, 2, 3], [3, 3, 2]], [2, 3, 2, 2], [0.875, 0.5625, 0.8125, 0.5625, 1.0625, 0.0625, 0.6875, 0.4375, 0.5625, -1.8125, 0.5625, -1.75, 0.75, 0.5625, 0.6875, 0.5625, 0.3125, 0.8125, -0.0625, 1.1875, 0.5625, -1.6875, 0.5625, -1.625]),
    ("...ii->...i", [[2, 3, 3]], [2, 3], [-0.5, 1.0, -0.25, -1.25, 0.25, -1.0]),
    ("i...,i...->...", [[3, 2], [3, 1]], [2], [0.6875, 0.875]),
    ("...i,...i", [[2, 3], [3]], [2], [-0.8125, -0.9375]),
    ("i...,i->...", [[3, 2, 2], [3]], [2, 2], [-1.125, -0.9375, 1.3125, -1.25]),
    ("...ij,jk", [[2, 2, 3], [3, 2]], [2, 2, 2], [0.875, 0.5625, 0.8125, 0.5625, 0.75, 0.5625, 0.6875, 0.5625]),
    ("b...,b...->...", [[2, 1, 3], [2, 2, 1]], [2, 3], [-0.875, 1.3125, 0.0625, 0.375, -0.9375, -0.1875]),
].map { EinsumCase(specification: $0.0, shapes: $0.1, shape: $0.2, values: $0.3) }

/// `einsum`: values against NumPy, second-order rules in both types, and the lowering to products.
@Suite("Einsum")
struct EinsumTests {
    @Test("values match numpy.einsum", arguments: einsumCases, DType.allCases)
    func values(_ c: EinsumCase, _ dtype: DType) {
        let y = einsum(c.specification, c.operands(dtype))
        #expect(y.dtype == dtype)
        #expect(matches(y, shape: c.shape, c.values, tolerance: dtype == .float64 ? 1e-14 : 1e-5), "\(y.shape): \(y.scalars)")
    }

    @Test("second-order gradients in both types", arguments: einsumCases, DType.allCases)
    func gradients(_ c: EinsumCase, _ dtype: DType) {
        let inputs = c.shapes.enumerated().map { Tensor.randomNormal($0.element, seed: UInt64(20 + $0.offset), dtype: dtype) }
        let report = checkGradients(at: inputs, order: 2) { operands in
            let y = einsum(c.specification, operands)
            return sin(y) * y
        }
        #expect(report.passed, "\(c.testDescription), \(dtype): \(report)")
    }

    @Test("the variadic and array forms agree; spaces are ignored")
    func forms() {
        let a = productSample([2, 3], seed: 1), b = productSample([3, 4], seed: 2)
        #expect(einsum("ij, jk -> ik", a, b).scalars == einsum("ij,jk->ik", [a, b]).scalars)
        #expect(einsum("ij,jk->ik", a, b).scalars == matmul(a, b).scalars)
    }

    @Test("mixed types promote to float64")
    func promotion() {
        let y = einsum("i,i->", productSample([3], seed: 1, dtype: .float32), productSample([3], seed: 2))
        #expect(y.dtype == .float64)
    }
}
