// Sorting along an axis. The permutation is piecewise constant, so it is a constant (argsort,
// topK's indices); the sorted values are a gather by it, whose pullback scatters the
// cotangent back to where each value came from and whose differential gathers the tangent.

extension Tensor {
    /// The first `kept` positions of each line along `axis` (already normalised) in stable
    /// sorted order, laid out as the tensor with that axis of size `kept`.
    private func sortingPositions(alongAxis axis: Int, descending: Bool, kept: Int) -> [Int] {
        let (outer, count, inner) = lineLayout(alongAxis: axis)
        return Kernels.sortingPermutation(storage, outer: outer, count: count, inner: inner, descending: descending, kept: kept)
    }

    /// The values at `sortingPositions`, gathered (differentiably), and the positions.
    private func sortedLines(alongAxis axis: Int, descending: Bool, kept: Int) -> (values: Tensor, positions: [Int]) {
        let positions = sortingPositions(alongAxis: axis, descending: descending, kept: kept)
        var outputShape = shape
        outputShape[axis] = kept
        let offsets = lineOffsets(ofPositions: positions, perLine: kept, alongAxis: axis)
        return (gathering(offsets: offsets, shape: outputShape), positions)
    }

    /// The values sorted along `axis` (negative counts from the end), ascending unless
    /// `descending`. The sort is stable and NaN sorts as larger than every number, as
    /// PyTorch's `sort(stable=True)`; `argsort(alongAxis:descending:)` gives the permutation.
    ///
    ///     y = x[π]     x̄[π] = ȳ (scattered back)     ẏ = ẋ[π]
    ///
    /// - Complexity: O(n log n) per line of n elements.
    public func sorted(alongAxis axis: Int = -1, descending: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "sorted(alongAxis:)")
        return sortedLines(alongAxis: axis, descending: descending, kept: shape[axis]).values
    }

    /// The positions along `axis` that sort each line (stable, NaN largest), so that
    /// gathering by them gives `sorted(alongAxis:descending:)`. A float64 constant of whole
    /// numbers, as `argmax`.
    public func argsort(alongAxis axis: Int = -1, descending: Bool = false) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: "argsort(alongAxis:)")
        let positions = sortingPositions(alongAxis: axis, descending: descending, kept: shape[axis])
        return Tensor(shape: shape, scalars: positions.map(Double.init))
    }

    /// The `k` largest (or, with `largest: false`, smallest) values along `axis` in sorted
    /// order, and their positions (a float64 constant). Ties keep their order, as the first
    /// `k` of PyTorch's `sort(stable=True)`. The values are differentiable as `sorted`'s.
    ///
    /// Traps when `k` is negative or exceeds the size of `axis`.
    public func topK(_ k: Int, alongAxis axis: Int = -1, largest: Bool = true) -> (values: Tensor, indices: Tensor) {
        let axis = normalizedAxis(axis, rank: rank, operation: "topK(_:alongAxis:)")
        check((0...shape[axis]).contains(k), "topK(_:alongAxis:): k = \(k) is out of range for axis \(axis) of shape \(shape)")
        let (values, positions) = sortedLines(alongAxis: axis, descending: largest, kept: k)
        return (values, Tensor(shape: values.shape, scalars: positions.map(Double.init)))
    }
}
