import AutogradTestSupport
import Testing
import Autograd

/// One `matmul` case: operand shapes, transpose flags, and PyTorch's result.
struct MatmulCase: Sendable, CustomTestStringConvertible {
    let a: [Int], b: [Int], transposingA: Bool, transposingB: Bool, shape: [Int], values: [Double]
    var testDescription: String { "\(a)\(transposingA ? "ᵀ" : "") · \(b)\(transposingB ? "ᵀ" : "")" }
}

/// Expected values from PyTorch 2.13.0+cpu:
///
///     a, b = torch.tensor(sample(sa, 1)), torch.tensor(sample(sb, 2))   # see productSample
///     torch.matmul(a.transpose(-1, -2) if ta else a, b.transpose(-1, -2) if tb else b)
let matmulCases: [MatmulCase] = [
    ([3], [3], false, false, [], [-0.8125]),
    ([2, 3], [3], false, false, [2], [-0.8125, -0.9375]),
    ([3], [3, 2], false, false, [2], [0.875, 0.5625]),
    ([2, 3, 4], [4, 2], false, false, [2, 3, 2], [1.0625, 1.5, 1.0625, -2.4375, -1.6875, 1.1875, 1.0625, -2.75, -1.6875, 0.875, 0.375, -1.0]),
    ([2, 1, 3, 4], [5, 4, 2], false, false, [2, 5, 3, 2], [1.0625, 1.5, 1.0625, -2.4375, -1.6875, 1.1875, 1.125, 1.5625, 1.25, -2.25, -2.0625, 0.8125, -2.25, 1.625, 1.4375, -2.0625, 1.0, 0.4375, -2.1875, 1.0, 1.625, 0.875, 0.625, -1.3125, -2.125, 1.0625, 1.8125, 1.0625, 0.25, -1.6875, 1.0625, -2.75, -1.6875, 0.875, 0.375, -1.0, 1.5, -2.3125, -1.8125, 0.75, 0.375, -1.0, 1.25, -1.875, 0.8125, 0.625, -1.0, -1.0, 1.6875, 0.625, 0.6875, -1.5625, -1.0, 0.375, 2.125, 1.0625, 0.5625, -1.6875, -1.0, 0.375]),
    ([4], [2, 4, 3], false, false, [2, 3], [0.1875, -2.125, 0.375, -2.125, 0.375, 0.125]),
    ([2, 3, 4], [4], false, false, [2, 3], [-0.8125, -0.75, 1.375, -0.625, 1.5, -1.1875]),
    ([2, 4, 3], [4, 2], true, false, [2, 3, 2], [0.4375, 1.1875, 0.4375, -1.0, 0.4375, 0.25, 0.4375, -1.0, 0.4375, 0.25, -0.25, -1.9375]),
    ([2, 3, 4], [1, 2, 4], false, true, [2, 3, 2], [-0.8125, 2.3125, -0.75, -1.6875, 1.375, -0.1875, -0.625, -2.125, 1.5, -0.625, -1.1875, 0.1875]),
    ([2, 4, 3], [2, 2, 4], true, true, [2, 3, 2], [-0.5625, 1.75, 0.3125, -1.3125, -0.1875, 0.4375, 1.1875, -0.4375, -0.3125, 0.3125, -1.125, -1.6875]),
    ([0, 3, 4], [4, 2], false, false, [0, 3, 2], []),
].map { MatmulCase(a: $0.0, b: $0.1, transposingA: $0.2, transposingB: $0.3, shape: $0.4, values: $0.5) }

/// `matmul` with torch.matmul's semantics: vectors, batch axes that broadcast, transpose flags.
@Suite("Batched matmul")
struct BatchedMatmulTests {
    @Test("values match torch.matmul", arguments: matmulCases, DType.allCases)
    func values(_ c: MatmulCase, _ dtype: DType) {
        let a = productSample(c.a, seed: 1, dtype: dtype), b = productSample(c.b, seed: 2, dtype: dtype)
        let y = matmul(a, b, transposingA: c.transposingA, transposingB: c.transposingB)
        #expect(y.dtype == dtype)
        #expect(matches(y, shape: c.shape, c.values, tolerance: dtype == .float64 ? 1e-14 : 1e-5), "\(y.shape): \(y.scalars)")
    }

    @Test("second-order gradients in both types", arguments: matmulCases.filter { !$0.values.isEmpty }, DType.allCases)
    func gradients(_ c: MatmulCase, _ dtype: DType) {
        let a = Tensor.randomNormal(c.a, seed: 5, dtype: dtype), b = Tensor.randomNormal(c.b, seed: 6, dtype: dtype)
        let report = checkGradients(at: [a, b], order: 2) { inputs in
            let y = matmul(inputs[0], inputs[1], transposingA: c.transposingA, transposingB: c.transposingB)
            return sin(y) * y
        }
        #expect(report.passed, "\(c.testDescription), \(dtype): \(report)")
    }

    @Test("the batched product is bit for bit the 2-D product of each pair of matrices",
          arguments: [([3, 5, 4], [3, 4, 6]), ([3, 5, 4], [4, 6]), ([2, 1, 5, 4], [3, 4, 1]), ([4, 7, 3], [1, 3, 7])],
          [false, true])
    func bitIdentical(_ shapes: ([Int], [Int]), _ transposingB: Bool) {
        let (aShape, bShape) = shapes
        for dtype in DType.allCases {
            let a = Tensor.randomNormal(aShape, seed: 11, dtype: dtype)
            var storedB = bShape
            if transposingB { storedB.swapAt(storedB.count - 2, storedB.count - 1) }
            let b = Tensor.randomNormal(storedB, seed: 12, dtype: dtype)
            let y = matmul(a, b, transposingB: transposingB)
            let batch = Array(y.shape.dropLast(2)), (m, n) = (y.shape[y.rank - 2], y.shape[y.rank - 1])
            let aMatrices = a.broadcast(to: batch + Array(a.shape.suffix(2))).reshaped(to: [-1] + Array(a.shape.suffix(2)))
            let bMatrices = b.broadcast(to: batch + Array(b.shape.suffix(2))).reshaped(to: [-1] + Array(b.shape.suffix(2)))
            let looped = (0..<batch.reduce(1, *)).flatMap { index in
                matmul(aMatrices.gathering(rows: [index]).reshaped(to: Array(a.shape.suffix(2))),
                       bMatrices.gathering(rows: [index]).reshaped(to: Array(b.shape.suffix(2))), transposingB: transposingB).scalars
            }
            #expect(y.shape == batch + [m, n] && y.scalars == looped, "\(aShape) · \(bShape), \(dtype)")
        }
    }

    @Test("a batch that broadcasts sums its gradient over the repeated axes")
    func broadcastGradient() {
        let a = Tensor.ones([4, 2, 3]), b = Tensor.ones([1, 3, 5])
        let (gradientA, gradientB) = gradient(at: a, b) { matmul($0, $1).sum() }
        // Each entry of B meets each of A's 4 × 2 rows once: 8; each entry of A meets B's 5 columns: 5.
        #expect(gradientB.shape == [1, 3, 5] && gradientB.scalars.allSatisfy { $0 == 8 })
        #expect(gradientA.shape == [4, 2, 3] && gradientA.scalars.allSatisfy { $0 == 5 })
    }
}
