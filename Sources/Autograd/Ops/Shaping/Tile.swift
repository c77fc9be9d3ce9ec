// Repeating a whole tensor along its axes (`np.tile`). A composition: a new axis of size 1
// before every axis, broadcast to the repeat count, and merged back, so the pullback is
// broadcasting's (sum over the copies) and the differential tiles the tangent.

extension Tensor {
    /// The tensor repeated `multiples[i]` times along axis i, as `np.tile` and `torch.tile`:
    /// with fewer multiples than axes the leading axes are repeated once; with more, the
    /// tensor gets leading axes of size 1 first.
    ///
    ///     y[…, kᵢ·nᵢ + jᵢ, …] = x[…, jᵢ, …]     x̄ = Σ over the copies of ȳ
    ///
    /// Traps when a multiple is negative (0 gives an empty axis).
    /// - Complexity: O(n) for n elements in the result.
    public func tiled(_ multiples: [Int]) -> Tensor {
        check(multiples.allSatisfy { $0 >= 0 }, "tiled(_:): multiples \(multiples) must not be negative, for shape \(shape)")
        let resultRank = Swift.max(rank, multiples.count)
        let sizes = Array(repeating: 1, count: resultRank - rank) + shape
        let counts = Array(repeating: 1, count: resultRank - multiples.count) + multiples
        let interleaved = sizes.flatMap { [1, $0] }
        let repeated = zip(counts, sizes).flatMap { [$0, $1] }
        _ = elementCount(ofShape: repeated, operation: "tiled(_:)")  // so no count × size below overflows
        let resultShape = zip(counts, sizes).map(*)
        _ = elementCount(ofShape: resultShape, operation: "tiled(_:)", allocating: dtype)
        return reshaped(to: interleaved).broadcast(to: repeated).reshaped(to: resultShape)
    }

    /// The tensor repeated along its axes; see `tiled(_:)`.
    public func tiled(_ multiples: Int...) -> Tensor { tiled(multiples) }
}
