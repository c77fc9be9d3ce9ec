// Sums and means. The primitive is a sum that keeps reduced axes with size 1; its pullback
// is `broadcast(to:)`, whose pullback is in turn a sum: the two rules are each other's transpose.

// MARK: - Sum keeping dimensions

extension Tensor {
    /// Sums over the axes marked in `reduced`, keeping each reduced axis with size 1.
    ///
    ///     y = Σ_axes x     ∂y/∂x = 1 (the cotangent is broadcast back)
    private func summedKeepingDims(_ reduced: [Bool]) -> Tensor {
        let outputShape = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let inputShape = shape
        return Tensor.primitive(
            "sum", shape: outputShape, scalars: Kernels.sum(scalars, shape: shape, reducing: reduced), inputs: [self],
            pullback: { g, _ in [g.broadcast(to: inputShape)] },
            differential: { tangents, _ in tangents[0]!.summedKeepingDims(reduced) })
    }
}

// MARK: - Public reductions

extension Tensor {
    /// The sum along `axes` (negative axes count from the end). Reduced axes are removed,
    /// or kept with size 1 when `keepingDims` is true.
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        var reduced = [Bool](repeating: false, count: rank)
        for axis in axes { reduced[normalizedAxis(axis, rank: rank, operation: "sum(alongAxes:)")] = true }
        let kept = summedKeepingDims(reduced)
        return keepingDims ? kept : kept.reshaped(to: shape.indices.filter { !reduced[$0] }.map { shape[$0] })
    }

    /// The sum along the given axes; see `sum(alongAxes:keepingDims:)`.
    public func sum(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        sum(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The sum of every element, as a scalar.
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// The mean along `axes`: the sum divided by the number of elements summed.
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let count = Set(axes.map { normalizedAxis($0, rank: rank, operation: "mean(alongAxes:)") })
            .reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDims: keepingDims) / Double(count)
    }

    /// The mean along the given axes; see `mean(alongAxes:keepingDims:)`.
    public func mean(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        mean(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The mean of every element, as a scalar.
    public func mean() -> Tensor { sum() / Double(scalarCount) }
}
