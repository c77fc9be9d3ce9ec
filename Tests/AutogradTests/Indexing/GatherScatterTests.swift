import AutogradTestSupport
import Testing
import Autograd

/// Gather, select and scatter-add along an axis, and one-hot encoding: values and gradients
/// against PyTorch, and the gradient checker to second order in both element types.
@Suite("Gather, select, scatter-add and one-hot")
struct GatherScatterTests {
    /// torch.arange(12.).reshape(3, 4), in `dtype`.
    static func matrix(_ dtype: DType = .float64) -> Tensor {
        Tensor(shape: [3, 4], scalars: (0..<12).map(Double.init)).converted(to: dtype)
    }

    /// torch.tensor([[0, 0, 3], [1, 2, 1], [3, 3, 3]]) as a tensor of whole numbers.
    static var columns: Tensor { Tensor([[0.0, 0, 3], [1, 2, 1], [3, 3, 3]]) }

    @Test("gathering along axis 1 and 0 matches torch.gather, in both element types", arguments: DType.allCases)
    func gatherValues(_ dtype: DType) {
        let t = Self.matrix(dtype)
        // torch.gather(t, 1, i) and torch.gather(t, 0, [[2, 0, 1, 1], [0, 0, 2, 1]]), PyTorch 2.13.
        let alongColumns = t.gathering(alongAxis: 1, indices: Self.columns)
        #expect(alongColumns.dtype == dtype && alongColumns.shape == [3, 3])
        #expect(alongColumns.scalars == [0, 0, 3, 5, 6, 5, 11, 11, 11])
        #expect(t.gathering(alongAxis: -2, indices: Tensor([[2.0, 0, 1, 1], [0, 0, 2, 1]])).scalars == [8, 1, 6, 7, 0, 1, 10, 7])
        // An argmax's indices, kept as an axis of size 1, gather the maxima.
        let maxima = t.gathering(alongAxis: 1, indices: t.argmax(alongAxis: 1).reshaped(to: [3, 1]))
        #expect(maxima.scalars == [3, 7, 11])
    }

    @Test("the gradient of gather accumulates repeated indices, as PyTorch's")
    func gatherGradient() {
        let w = Tensor(shape: [3, 3], scalars: (1...9).map(Double.init))
        // (torch.gather(t, 1, i) * w).sum().backward(); t.grad, PyTorch 2.13.
        let g = gradient(at: Self.matrix()) { ($0.gathering(alongAxis: 1, indices: Self.columns) * w).sum() }
        #expect(g.scalars == [3, 0, 0, 3, 0, 10, 5, 0, 0, 0, 0, 24])
    }

    @Test("selecting along an axis matches torch.index_select, with its gradient", arguments: DType.allCases)
    func selectValues(_ dtype: DType) {
        let t = Self.matrix(dtype)
        // torch.index_select(t, 1, [3, 0, 3]) and (t, 0, [2, 0]), PyTorch 2.13.
        #expect(t.selecting([3, 0, 3], alongAxis: 1).scalars == [3, 0, 3, 7, 4, 7, 11, 8, 11])
        #expect(t.selecting(Tensor([3.0, 0, 3]), alongAxis: -1).scalars == [3, 0, 3, 7, 4, 7, 11, 8, 11])
        #expect(t.selecting([2, 0], alongAxis: 0).shape == [2, 4])
        #expect(t.selecting([2, 0], alongAxis: 0).scalars == [8, 9, 10, 11, 0, 1, 2, 3])
        #expect(t.selecting([], alongAxis: 1).shape == [3, 0])
        let w = Tensor(shape: [3, 3], scalars: (1...9).map(Double.init)).converted(to: dtype)
        // (torch.index_select(t, 1, [3, 0, 3]) * w).sum().backward(); t.grad, PyTorch 2.13.
        let g = gradient(at: t) { ($0.selecting([3, 0, 3], alongAxis: 1) * w).sum() }
        #expect(g.scalars == [2, 0, 0, 4, 5, 0, 0, 10, 8, 0, 0, 16])
    }

    @Test("scatter-adding matches torch.scatter_add, with both gradients", arguments: DType.allCases)
    func scatterAdd(_ dtype: DType) {
        let t = Self.matrix(dtype)
        let source = Tensor([[1.0, 2, 4], [8, 16, 32], [64, 128, 256]]).converted(to: dtype)
        // t.scatter_add(1, i, src), PyTorch 2.13.
        let y = t.scatteringAdding(source, alongAxis: 1, indices: Self.columns)
        #expect(y.dtype == dtype && y.scalars == [3, 1, 2, 7, 4, 45, 22, 7, 8, 9, 10, 459])
        // (t.scatter_add(1, i, src) * w).sum().backward(); t.grad and src.grad, PyTorch 2.13.
        let w = Tensor(shape: [3, 4], scalars: (1...12).map(Double.init)).converted(to: dtype)
        let (gt, gs) = gradient(at: t, source) { t, s in (t.scatteringAdding(s, alongAxis: 1, indices: Self.columns) * w).sum() }
        #expect(gt.scalars == (1...12).map(Double.init))
        #expect(gs.scalars == [1, 1, 4, 6, 7, 6, 12, 12, 12])
    }

    @Test("oneHot matches torch.nn.functional.one_hot, in the asked type", arguments: DType.allCases)
    func oneHot(_ dtype: DType) {
        // one_hot(torch.tensor([[2, 0], [1, 3]]), 4), PyTorch 2.13.
        let y = Tensor.oneHot(Tensor([[2.0, 0], [1, 3]]), classCount: 4, dtype: dtype)
        #expect(y.dtype == dtype && y.shape == [2, 2, 4])
        #expect(y.scalars == [0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])
        #expect(Tensor.oneHot(Tensor(shape: [0], scalars: [Double]()), classCount: 3).shape == [0, 3])
    }

    @Test("second order through gather, select and scatter-add, float64 and float32", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = Tensor.randomNormal([3, 4], seed: 51, dtype: dtype)
        let v = Tensor.randomNormal([3, 3], seed: 52, dtype: dtype)
        let indices = Self.columns
        let functions: [(String, ([Tensor]) -> Tensor)] = [
            ("sin(gather(x, 1, i)) · v", { sin($0[0].gathering(alongAxis: 1, indices: indices)) * $0[1] }),
            ("gather(x, 0, i)²", { let g = $0[0].gathering(alongAxis: 0, indices: Tensor([[2.0, 0, 1], [1, 1, 2]])); return g * g }),
            ("select(x, [3, 0, 3], 1) · exp v", { $0[0].selecting([3, 0, 3], alongAxis: 1) * exp($0[1]) }),
            ("select(x, [2, 2], 0)³", { let s = $0[0].selecting([2, 2], alongAxis: 0); return s * s * s }),
            ("scatter_add(x², 1, i, sin v)", { ($0[0] * $0[0]).scatteringAdding(sin($0[1]), alongAxis: 1, indices: indices) }),
            ("scatter_add(x, 1, i, v)·x", { $0[0].scatteringAdding($0[1], alongAxis: -1, indices: indices) * $0[0] }),
        ]
        for (name, f) in functions {
            let report = checkGradients(at: [x, v], order: 2, of: f)
            #expect(report.passed, "\(name), \(dtype): \(report)")
        }
    }
}
