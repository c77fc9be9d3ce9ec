// Splitting a tensor into consecutive parts along an axis (PyTorch's `split` and `chunk`).
// Compositions: each part selects its slab, so its pullback scatters the part's cotangent
// back into place, and the parts' cotangents add up to the whole one (`concatenate` undoes
// a split).

extension Tensor {
    /// Consecutive parts along `axis` (negative counts from the end) of `sizes[i]` positions
    /// each, as `torch.split(x, sizes, dim)`; the other axes are kept.
    ///
    ///     yᵢ = x[…, sᵢ..<sᵢ + sizesᵢ, …]     x̄ = [ȳ₁ ȳ₂ … ȳₖ] joined along the axis
    ///
    /// Traps on a scalar, an axis out of range, a negative size, or sizes that do not add up
    /// to the axis's size.
    /// - Complexity: O(n) for n elements.
    public func split(sizes: [Int], alongAxis axis: Int = 0) -> [Tensor] {
        check(rank >= 1, "split(sizes:alongAxis:): needs at least one axis, got a scalar")
        let axis = normalizedAxis(axis, rank: rank, operation: "split(sizes:alongAxis:)")
        check(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[axis], """
            split(sizes:alongAxis:): sizes \(sizes) must be non-negative and add up to \(shape[axis]), \
            the size of axis \(axis) of shape \(shape)
            """)
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slab(alongAxis: axis, start..<start + size)
        }
    }

    /// `count` parts along `axis` of ⌈n/count⌉ positions each, the last one shorter when
    /// they do not divide n, as `torch.chunk`: so there may be fewer than `count` parts
    /// (5 positions in 4 chunks give sizes 2, 2, 1). An empty axis gives `count` empty parts.
    ///
    ///     yᵢ = x[…, i·c..<min((i + 1)·c, n), …],  c = ⌈n/count⌉
    ///
    /// Traps on a scalar, an axis out of range, or a count below 1.
    public func chunked(_ count: Int, alongAxis axis: Int = 0) -> [Tensor] {
        check(count >= 1, "chunked(_:alongAxis:): needs a count of at least 1, got \(count) for shape \(shape)")
        check(rank >= 1, "chunked(_:alongAxis:): needs at least one axis, got a scalar")
        let axis = normalizedAxis(axis, rank: rank, operation: "chunked(_:alongAxis:)")
        let size = shape[axis]
        let chunkSize = (size + count - 1) / count
        guard chunkSize > 0 else { return Array(repeating: self, count: count) }
        let sizes = stride(from: 0, to: size, by: chunkSize).map { Swift.min(chunkSize, size - $0) }
        return split(sizes: sizes, alongAxis: axis)
    }

    /// The positions `range` of `axis`, every other axis whole: `selecting` them (this tensor
    /// itself when the range is the whole axis).
    private func slab(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        range == 0..<shape[axis] ? self : selecting(Array(range), alongAxis: axis, operation: "split(sizes:alongAxis:)")
    }
}
