import AutogradTestSupport
import Testing
import Autograd

/// `sorted`, `argsort` and `topK`: values and permutations against PyTorch's stable sort (ties
/// and NaN included), gradients scattered back by the permutation, second order in both
/// types, and the traps for k.
@Suite("Sorting and top-k")
struct SortingTests {
    /// Ties in both rows, a NaN in row 0.
    let x = Tensor([[3.0, 1, 2, 1, .nan, 0], [2, 2, -1, 5, 2, -1]])

    /// Whether two lists agree, NaN matching NaN.
    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || $0.isNaN && $1.isNaN }
    }

    // PyTorch 2.13.0: torch.sort(x, dim=1, stable=True) and descending=True; dim=0.
    @Test("stable sorts with ties and NaN against PyTorch", arguments: DType.allCases)
    func sortedAndArgsort(_ dtype: DType) {
        let x = x.converted(to: dtype)
        #expect(same(x.sorted().scalars, [0, 1, 1, 2, 3, .nan, -1, -1, 2, 2, 2, 5]))
        #expect(x.sorted().dtype == dtype)
        #expect(x.argsort(alongAxis: 1).scalars == [5, 1, 3, 2, 0, 4, 2, 5, 0, 1, 4, 3])
        #expect(same(x.sorted(alongAxis: 1, descending: true).scalars, [.nan, 3, 2, 1, 1, 0, 5, 2, 2, 2, -1, -1]))
        #expect(x.argsort(descending: true).scalars == [4, 0, 2, 1, 3, 5, 3, 0, 1, 4, 2, 5])
        #expect(same(x.sorted(alongAxis: -2).scalars, [2, 1, -1, 1, 2, -1, 3, 2, 2, 5, .nan, 0]))
        #expect(x.argsort(alongAxis: 0).scalars == [1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0])
        #expect(x.argsort().dtype == .float64)
    }

    @Test("the gradient of the sorted values lands where each value came from")
    func gradientScattersBack() {
        let x = Tensor([0.5, -2, 3, 1])
        // sorted = [−2, 0.5, 1, 3] from positions [1, 0, 3, 2]: weight j goes to position πⱼ.
        let g = gradient(at: x) { ($0.sorted() * Tensor([1.0, 2, 3, 4])).sum() }
        #expect(g.scalars == [2, 1, 4, 3])
        #expect(jvp(at: x, tangent: Tensor([10.0, 20, 30, 40])) { $0.sorted() }.tangent.scalars == [20, 10, 40, 30])
    }

    // PyTorch 2.13.0: torch.sort(t, dim=1, stable=True, descending=True) first 3 →
    // values [[5, 5, 2], [3, 3, 1]], indices [[1, 4, 0], [2, 3, 1]]; ascending first 2 →
    // [[-1, 2], [-4, 0]], indices [[3, 0], [4, 0]]. (torch.topk's tie order is unspecified:
    // it gives [[1, 4, 2], [3, 2, 1]].)
    @Test("topK is the first k of the stable sort", arguments: DType.allCases)
    func topK(_ dtype: DType) {
        let t = Tensor([[2.0, 5, 2, -1, 5], [0, 1, 3, 3, -4]]).converted(to: dtype)
        let largest = t.topK(3)
        #expect(largest.values.scalars == [5, 5, 2, 3, 3, 1] && largest.values.shape == [2, 3])
        #expect(largest.indices.scalars == [1, 4, 0, 2, 3, 1] && largest.indices.dtype == .float64)
        let smallest = t.topK(2, alongAxis: 1, largest: false)
        #expect(smallest.values.scalars == [-1, 2, -4, 0] && smallest.indices.scalars == [3, 0, 4, 0])
        #expect(t.topK(0).values.shape == [2, 0])
        #expect(t.topK(1, alongAxis: 0).indices.scalars == [0, 0, 1, 1, 0])
        let g = gradient(at: t) { $0.topK(2).values.sum() }
        #expect(g.scalars == [0, 1, 0, 0, 1, 0, 0, 1, 1, 0])
    }

    @Test("second order by the gradient checker, away from ties", arguments: DType.allCases)
    func secondOrder(_ dtype: DType) {
        let x = sample([3, 5], seed: 51).converted(to: dtype)
        let weights = sample([3, 5], seed: 52).converted(to: dtype)
        for axis in [0, 1, -1] {
            let sorted = checkGradients(at: x, order: 2) { sin($0).sorted(alongAxis: axis, descending: axis == 0) * weights * $0 }
            let top = checkGradients(at: x, order: 2) { exp($0).topK(2, alongAxis: axis).values.sum() * $0.sum() }
            #expect(sorted.passed && top.passed, "axis \(axis), \(dtype): \(sorted) \(top)")
        }
    }

    @Test("topK with k larger than the axis traps")
    func kTooLarge() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).topK(4)
        }
        #expect(standardError(of: result).contains("topK(_:alongAxis:): k = 4 is out of range for axis 1 of shape [2, 3]"))
    }

    @Test("topK with a negative k traps")
    func kNegative() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).topK(-1, alongAxis: 0)
        }
        #expect(standardError(of: result).contains("topK(_:alongAxis:): k = -1 is out of range for axis 0 of shape [2, 3]"))
    }

    @Test("sorting along an axis out of range traps")
    func badAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.ones([2, 3]).sorted(alongAxis: 5)
        }
        #expect(standardError(of: result).contains("sorted(alongAxis:): axis 5 is out of range for rank 2"))
    }
}
