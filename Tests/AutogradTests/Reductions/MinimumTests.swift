import AutogradTestSupport
import Testing
import Autograd

/// `min` and `argmin`: values and tie-sharing gradients against PyTorch and NumPy, second
/// order in both types, and the traps for empty axes.
@Suite("Minimum and arg-minimum")
struct MinimumTests {
    /// Row 0 has a tie for its minimum (−1 at columns 1 and 3).
    let x = Tensor([[3.0, -1, 2, -1], [0.5, 4, 0.5, -2]])

    // PyTorch 2.13.0: x.amin(dim=1) → [-1, -2]; grad of .sum() → [[0, .5, 0, .5], [0, 0, 0, 1]];
    // x.amin(dim=0) → [0.5, -1, 0.5, -2]; x.amin() → -2.
    @Test("values and tie-sharing gradients against PyTorch", arguments: DType.allCases)
    func valuesAndGradients(_ dtype: DType) {
        let x = x.converted(to: dtype)
        let (rowMinima, g) = valueWithGradient(at: x) { $0.min(alongAxes: 1).sum() }
        #expect(x.min(alongAxes: 1).scalars == [-1, -2] && x.min(alongAxes: 1).dtype == dtype)
        #expect(rowMinima.scalar == -3)
        #expect(g.scalars == [0, 0.5, 0, 0.5, 0, 0, 0, 1])
        #expect(x.min(alongAxes: -2).scalars == [0.5, -1, 0.5, -2])
        #expect(x.min(alongAxes: 0, keepingDims: true).shape == [1, 4])
        #expect(x.min().scalar == -2 && x.min().shape == [])
        #expect(gradient(at: x) { $0.min() }.scalars == [0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test("the forward-mode derivative averages the tangent over ties")
    func differentialAtTies() {
        let tangent = Tensor([[1.0, 2, 3, 4], [5, 6, 7, 8]])
        #expect(jvp(at: x, tangent: tangent) { $0.min(alongAxes: 1) }.tangent.scalars == [3, 8])
    }

    @Test("second order by the gradient checker, away from ties", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = sample([3, 4], seed: 21).converted(to: dtype)
        for axes in [[0], [1], [-1], [0, 1]] {
            let report = checkGradients(at: x, order: 2) { sin($0).min(alongAxes: axes) * $0.sum(alongAxes: axes) }
            #expect(report.passed, "axes \(axes), \(dtype): \(report)")
        }
    }

    // NumPy 2.4.6: np.argmin(x, axis=1) → [1, 3] (first of the tie), axis=0 → [1, 0, 1, 1];
    // np.argmin([1, nan, 0, nan]) → 1 (the first NaN).
    @Test("argmin takes the first index on ties and the first NaN, as NumPy", arguments: DType.allCases)
    func argmin(_ dtype: DType) {
        let x = x.converted(to: dtype)
        #expect(x.argmin(alongAxis: 1).scalars == [1, 3] && x.argmin(alongAxis: 1).dtype == .float64)
        #expect(x.argmin(alongAxis: -2).scalars == [1, 0, 1, 1])
        #expect(x.argminIndices(alongAxis: 0) == [1, 0, 1, 1])
        #expect(Tensor([1.0, .nan, 0, .nan]).converted(to: dtype).argminIndices(alongAxis: 0) == [1])
    }

    // PyTorch: "amin(): Expected reduction dim 0 to have non-zero size."
    @Test("min along an empty axis traps, naming the op, the axis and the shape")
    func minAlongEmptyAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 0], scalars: []).min(alongAxes: 1)
        }
        #expect(standardError(of: result).contains("min(alongAxes:): axis 1 of shape [2, 0] is empty"))
    }

    @Test("min() of no elements traps")
    func minOfNothing() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [0, 3], scalars: []).min()
        }
        #expect(standardError(of: result).contains("min(): the tensor of shape [0, 3] has no elements"))
    }

    @Test("min along an axis out of range traps")
    func minBadAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).min(alongAxes: 2)
        }
        #expect(standardError(of: result).contains("min(alongAxes:): axis 2 is out of range for rank 2"))
    }

    @Test("argmin along an empty axis traps")
    func argminAlongEmptyAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [0, 3], scalars: []).argmin(alongAxis: 0)
        }
        #expect(standardError(of: result).contains("argmin(alongAxis:): axis 0 of shape [0, 3] is empty"))
    }
}
