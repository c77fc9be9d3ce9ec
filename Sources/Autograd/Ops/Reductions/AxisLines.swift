// A tensor read along one axis as lines: shape [outer, count, inner] with the axis in the
// middle. Cumulative and sorting ops work line by line, and move values with the gather and
// scatter primitives (Indexing.swift) at offsets computed here.

extension Tensor {
    /// The sizes before, along and after `axis` (already normalised).
    func lineLayout(alongAxis axis: Int) -> (outer: Int, count: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// The row-major offsets of the elements at `positions` along `axis`: `positions` is laid
    /// out as [outer, perLine, inner], and each names a place in its line.
    func lineOffsets(ofPositions positions: [Int], perLine: Int, alongAxis axis: Int) -> [Int] {
        let (_, count, inner) = lineLayout(alongAxis: axis)
        return positions.indices.map { index in
            let block = index / (perLine * inner), within = index % inner
            return (block * count + positions[index]) * inner + within
        }
    }

    /// The values moved one place along `axis` (toward its end when `towardEnd`, else toward
    /// its start), with 0 in the place left empty; a gather then a scatter, so differentiable.
    ///
    ///     towardEnd: yᵢ = xᵢ₋₁, y₀ = 0       otherwise: yᵢ = xᵢ₊₁, yₙ₋₁ = 0
    func shiftedByOne(alongAxis axis: Int, towardEnd: Bool) -> Tensor {
        let (outer, count, inner) = lineLayout(alongAxis: axis)
        let moved = Swift.max(count - 1, 0)
        let positions = (0..<outer * moved * inner).map { $0 / inner % moved }
        let sources = lineOffsets(ofPositions: positions.map { towardEnd ? $0 : $0 + 1 }, perLine: moved, alongAxis: axis)
        let destinations = lineOffsets(ofPositions: positions.map { towardEnd ? $0 + 1 : $0 }, perLine: moved, alongAxis: axis)
        return gathering(offsets: sources, shape: [sources.count]).scattering(offsets: destinations, into: shape)
    }
}
