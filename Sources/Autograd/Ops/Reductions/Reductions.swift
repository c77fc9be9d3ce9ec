// Sums, means and maxima. The primitive is a sum that keeps reduced axes with size 1; its pullback
// is `broadcast(to:)`, whose pullback is in turn a sum: the two rules are each other's transpose.
// Minima (Minimum.swift) are maxima of the negation, so both share one rule.

// MARK: - Sum keeping dimensions

extension Tensor {
    /// Sums over the axes marked in `reduced`, keeping each reduced axis with size 1.
    ///
    ///     y = Σ_axes x     ∂y/∂x = 1 (the cotangent is broadcast back)
    func summedKeepingDims(_ reduced: [Bool]) -> Tensor {
        let outputShape = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let inputShape = shape
        return Tensor.primitive(
            "sum", shape: outputShape, storage: Kernels.sum(storage, shape: shape, reducing: reduced), inputs: [self],
            pullback: { g, _, _ in [g.broadcast(to: inputShape)] },
            differential: { tangents, _ in tangents[0]!.summedKeepingDims(reduced) })
    }
}

// MARK: - Maximum keeping dimensions

extension Tensor {
    /// Maxima over the axes marked in `reduced`, keeping each reduced axis with size 1.
    /// Ties share the derivative equally (as in JAX), so it is the same from either side.
    /// `operation` names the public op in the trap for an empty reduced axis.
    ///
    ///     y = max_axes x   ∂y/∂xᵢ = 1/k where xᵢ is one of the k maximal elements, else 0
    func maximumKeepingDims(_ reduced: [Bool], operation: String) -> Tensor {
        for axis in shape.indices where reduced[axis] {
            check(shape[axis] > 0, "\(operation): axis \(axis) of shape \(shape) is empty; an extremum of no elements is undefined")
        }
        let outputShape = shape.indices.map { reduced[$0] ? 1 : shape[$0] }
        let inputShape = shape
        let x = self
        func weights(_ y: Tensor) -> Tensor {
            let isMaximal = x .== y
            return isMaximal / isMaximal.summedKeepingDims(reduced)
        }
        return Tensor.primitive(
            "max", shape: outputShape, storage: Kernels.max(storage, shape: shape, reducing: reduced), inputs: [self],
            pullback: { g, y, _ in [g.broadcast(to: inputShape) * weights(y)] },
            differential: { tangents, y in (tangents[0]! * weights(y)).summedKeepingDims(reduced) })
    }
}

// MARK: - Public reductions

extension Tensor {
    /// For each axis, whether it is one of `axes` (negative axes count from the end).
    func reductionMask(_ axes: [Int], operation: String) -> [Bool] {
        var reduced = [Bool](repeating: false, count: rank)
        for axis in axes { reduced[normalizedAxis(axis, rank: rank, operation: operation)] = true }
        return reduced
    }

    /// Applies `reduction` (which keeps reduced axes with size 1) over `axes`, then removes
    /// the reduced axes unless `keepingDims` is true.
    func reduced(
        alongAxes axes: [Int], keepingDims: Bool, operation: String, _ reduction: (_ reduced: [Bool]) -> Tensor
    ) -> Tensor {
        let reduced = reductionMask(axes, operation: operation)
        let kept = reduction(reduced)
        return keepingDims ? kept : kept.reshaped(to: shape.indices.filter { !reduced[$0] }.map { shape[$0] })
    }

    /// The sum along `axes` (negative axes count from the end). Reduced axes are removed,
    /// or kept with size 1 when `keepingDims` is true. Values are added pairwise, so the
    /// rounding error grows like log n, not n; the sum of no elements is 0.
    public func sum(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduced(alongAxes: axes, keepingDims: keepingDims, operation: "sum(alongAxes:)", summedKeepingDims)
    }

    /// The sum along the given axes; see `sum(alongAxes:keepingDims:)`.
    public func sum(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        sum(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The sum of every element, as a scalar.
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// The mean along `axes`: the sum divided by the number of elements summed (so NaN
    /// over an empty axis, 0/0, as in PyTorch).
    public func mean(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        let count = Set(axes.map { normalizedAxis($0, rank: rank, operation: "mean(alongAxes:)") })
            .reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: axes, keepingDims: keepingDims) / Double(count)
    }

    /// The mean along the given axes; see `mean(alongAxes:keepingDims:)`.
    public func mean(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        mean(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The mean of every element, as a scalar (NaN when there are none).
    public func mean() -> Tensor { sum() / Double(scalarCount) }

    /// The maximum along `axes`; ties share the derivative equally. Traps when one of
    /// `axes` is empty: the maximum of no elements is undefined (PyTorch raises too).
    ///
    ///     y = max_axes x   ∂y/∂xᵢ = 1/k at each of the k maximal elements, else 0
    public func max(alongAxes axes: [Int], keepingDims: Bool = false) -> Tensor {
        reduced(alongAxes: axes, keepingDims: keepingDims, operation: "max(alongAxes:)") { reduced in
            maximumKeepingDims(reduced, operation: "max(alongAxes:)")
        }
    }

    /// The maximum along the given axes; see `max(alongAxes:keepingDims:)`.
    public func max(alongAxes axes: Int..., keepingDims: Bool = false) -> Tensor {
        max(alongAxes: axes, keepingDims: keepingDims)
    }

    /// The largest element, as a scalar. Traps when the tensor has no elements.
    public func max() -> Tensor {
        check(scalarCount > 0, "max(): the tensor of shape \(shape) has no elements; the maximum of no elements is undefined")
        return max(alongAxes: Array(0..<rank))
    }
}
