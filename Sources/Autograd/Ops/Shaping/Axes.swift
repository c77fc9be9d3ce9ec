// Removing, inserting and merging axes. Each only relabels the shape, so each is a
// `reshaped(to:)`: no copy, and the rule is reshaping the cotangent or tangent back.

// MARK: - squeezed

extension Tensor {
    /// The tensor without the axes `axes` (negative counts from the end), each of size 1, as
    /// `np.squeeze(x, axis)`.
    ///
    ///     y = reshape(x)       x̄ = reshape(ȳ)
    ///
    /// Traps when an axis is out of range, repeated, or of a size other than 1 (as NumPy;
    /// PyTorch silently keeps such an axis, which hides a wrong axis).
    public func squeezed(axes: [Int]) -> Tensor {
        let normalized = axes.map { normalizedAxis($0, rank: rank, operation: "squeezed(axes:)") }
        check(Set(normalized).count == normalized.count, "squeezed(axes:): axes \(axes) repeat an axis of shape \(shape)")
        for (axis, original) in zip(normalized, axes) {
            check(shape[axis] == 1, "squeezed(axes:): axis \(original) of shape \(shape) has size \(shape[axis]), not 1")
        }
        return reshaped(to: shape.indices.filter { !normalized.contains($0) }.map { shape[$0] })
    }

    /// The tensor without the given axes of size 1; see `squeezed(axes:)`.
    public func squeezed(axes: Int...) -> Tensor { squeezed(axes: axes) }

    /// The tensor without every axis of size 1 (`torch.squeeze(x)`, `np.squeeze(x)`).
    public func squeezed() -> Tensor { reshaped(to: shape.filter { $0 != 1 }) }
}

// MARK: - expandingShape(at:)

extension Tensor {
    /// The tensor with new axes of size 1 at the positions `axes` of the result (negative
    /// counts from the end of the result), as `np.expand_dims`; one axis is `torch.unsqueeze`
    /// (−1 appends an axis, 0 prepends one).
    ///
    ///     y = reshape(x)       x̄ = reshape(ȳ)
    ///
    /// Traps when an axis is outside the result's rank or repeated.
    public func expandingShape(at axes: [Int]) -> Tensor {
        let resultRank = rank + axes.count
        let normalized = axes.map { normalizedAxis($0, rank: resultRank, operation: "expandingShape(at:)") }
        check(Set(normalized).count == normalized.count, "expandingShape(at:): axes \(axes) repeat an axis of the result for shape \(shape)")
        var remaining = shape.makeIterator()
        return reshaped(to: (0..<resultRank).map { normalized.contains($0) ? 1 : remaining.next()! })
    }

    /// The tensor with new axes of size 1 at the given positions; see `expandingShape(at:)`.
    public func expandingShape(at axes: Int...) -> Tensor { expandingShape(at: axes) }
}

// MARK: - flattened

extension Tensor {
    /// The axes from `startAxis` through `endAxis` (negative counts from the end) merged into
    /// one, as `torch.flatten`; by default every axis, giving a vector (a scalar gives a
    /// vector of one element).
    ///
    ///     y = reshape(x)       x̄ = reshape(ȳ)
    ///
    /// Traps when an axis is out of range or `startAxis` comes after `endAxis`.
    public func flattened(startAxis: Int = 0, endAxis: Int = -1) -> Tensor {
        guard rank > 0 else {
            check([0, -1].contains(startAxis) && [0, -1].contains(endAxis),
                  "flattened(startAxis:endAxis:): axes \(startAxis) and \(endAxis) are out of range for a scalar")
            return reshaped(to: [1])
        }
        let start = normalizedAxis(startAxis, rank: rank, operation: "flattened(startAxis:endAxis:)")
        let end = normalizedAxis(endAxis, rank: rank, operation: "flattened(startAxis:endAxis:)")
        check(start <= end, "flattened(startAxis:endAxis:): start axis \(startAxis) comes after end axis \(endAxis) for shape \(shape)")
        return reshaped(to: Array(shape[..<start]) + [shape[start...end].reduce(1, *)] + shape[(end + 1)...])
    }
}
