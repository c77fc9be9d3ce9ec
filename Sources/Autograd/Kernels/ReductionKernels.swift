// Kernels along one axis: the first-order linear recurrence behind cumulative sums and
// products, and the stable sort behind `sorted`, `argsort` and `topK`. Each reads its
// operand as shape [outer, count, inner], the axis in the middle.

extension Kernels {
    /// The first-order linear recurrence along the middle axis of [outer, count, inner]:
    ///
    ///     hᵢ = aᵢ + bᵢ·hᵢ₋₁   (h₀ = a₀; b₀ is never read)       forward
    ///     hᵢ = aᵢ + bᵢ·hᵢ₊₁   (hₙ₋₁ = aₙ₋₁; bₙ₋₁ is never read)  reversed
    ///
    /// with b = 1 a cumulative sum, with a = (x₀, 0, …) and b = x a cumulative product.
    /// Both operands have one shape and one element type.
    ///
    /// - Complexity: O(outer · count · inner), one pass; the inner loop is contiguous.
    static func linearRecurrence(
        _ a: TensorStorage, _ b: TensorStorage, outer: Int, count: Int, inner: Int, reversed: Bool
    ) -> TensorStorage {
        switch (a, b) {
        case let (.float32(a), .float32(b)):
            .float32(linearRecurrence(a, b, outer: outer, count: count, inner: inner, reversed: reversed))
        case let (.float64(a), .float64(b)):
            .float64(linearRecurrence(a, b, outer: outer, count: count, inner: inner, reversed: reversed))
        default: checkFailed("kernel: linear recurrence over operands of types \(a.dtype) and \(b.dtype)")
        }
    }

    private static func linearRecurrence<T: KernelScalar>(
        _ a: [T], _ b: [T], outer: Int, count: Int, inner: Int, reversed: Bool
    ) -> [T] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                buffer(count: a.count) { h in
                    for block in 0..<outer {
                        let base = block * count * inner
                        for step in 0..<count {
                            let position = reversed ? count - 1 - step : step
                            let row = base + position * inner
                            let previous = base + (reversed ? position + 1 : position - 1) * inner
                            for index in 0..<inner {
                                h[row + index] = step == 0 ? a[row + index] : a[row + index] + b[row + index] * h[previous + index]
                            }
                        }
                    }
                }
            }
        }
    }

    /// For each line along the middle axis of [outer, count, inner], the positions of its
    /// first `kept` elements in sorted order, laid out as [outer, kept, inner]. The sort is
    /// stable (equal values keep their order, in either direction) and NaN counts as larger
    /// than every number (last ascending, first descending), as PyTorch's `sort(stable=True)`.
    ///
    /// - Complexity: O(outer · inner · count · log count).
    static func sortingPermutation(
        _ x: TensorStorage, outer: Int, count: Int, inner: Int, descending: Bool, kept: Int
    ) -> [Int] {
        switch x {
        case let .float32(values): sortingPermutation(values, outer: outer, count: count, inner: inner, descending: descending, kept: kept)
        case let .float64(values): sortingPermutation(values, outer: outer, count: count, inner: inner, descending: descending, kept: kept)
        }
    }

    private static func sortingPermutation<T: KernelScalar>(
        _ x: [T], outer: Int, count: Int, inner: Int, descending: Bool, kept: Int
    ) -> [Int] {
        var permutation = [Int](repeating: 0, count: outer * kept * inner)
        var line = [(value: T, position: Int)]()
        line.reserveCapacity(count)
        for block in 0..<outer {
            for index in 0..<inner {
                line.removeAll(keepingCapacity: true)
                for position in 0..<count { line.append((x[(block * count + position) * inner + index], position)) }
                line.sort { first, second in
                    let (a, b) = descending ? (second.value, first.value) : (first.value, second.value)
                    if a < b || b.isNaN && !a.isNaN { return true }
                    if b < a || a.isNaN && !b.isNaN { return false }
                    return first.position < second.position
                }
                for rank in 0..<kept { permutation[(block * kept + rank) * inner + index] = line[rank].position }
            }
        }
        return permutation
    }
}
