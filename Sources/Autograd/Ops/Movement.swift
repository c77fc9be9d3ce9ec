// Operations that move values without arithmetic. Each rule applies the inverse movement.

// MARK: - reshaped

extension Tensor {
    /// The same values under a new shape with the same count; one size may be −1, inferred.
    /// Shares storage (no copy).
    ///
    ///     y = reshape(x)   pullback: reshape the cotangent back
    public func reshaped(to newShape: [Int]) -> Tensor {
        check(newShape.allSatisfy { $0 >= -1 } && newShape.count(where: { $0 == -1 }) <= 1,
              "reshaped(to:): cannot reshape a tensor of shape \(shape) to \(newShape)")
        // The sizes given, with 1 in place of the inferred one, must not overflow.
        let known = elementCount(ofShape: newShape.map { $0 == -1 ? 1 : $0 }, operation: "reshaped(to:)")
        let resolved = newShape.map { $0 == -1 && known > 0 ? scalarCount / known : $0 }
        check(resolved.allSatisfy { $0 >= 0 } && resolved.reduce(1, *) == scalarCount,
              "reshaped(to:): cannot reshape a tensor of shape \(shape) to \(newShape)")
        if resolved == shape { return self }
        let originalShape = shape
        return Tensor.primitive(
            "reshaped", shape: resolved, storage: storage, inputs: [self],
            pullback: { g, _, _ in [g.reshaped(to: originalShape)] },
            differential: { tangents, _ in tangents[0]!.reshaped(to: resolved) })
    }

    // MARK: - permuted

    /// The axes reordered: axis `i` of the result is axis `axes[i]` of this tensor.
    ///
    ///     y = permute(x)   pullback: permute the cotangent by the inverse permutation
    public func permuted(_ axes: [Int]) -> Tensor {
        check(axes.sorted() == Array(0..<rank), "permuted: \(axes) is not a permutation of the axes of a tensor of shape \(shape)")
        if axes == Array(0..<rank) { return self }
        let strides = contiguousStrides(shape)
        let newShape = axes.map { shape[$0] }
        var inverse = axes
        for (position, axis) in axes.enumerated() { inverse[axis] = position }
        return Tensor.primitive(
            "permuted", shape: newShape,
            storage: Kernels.gather(storage, strides: axes.map { strides[$0] }, shape: newShape), inputs: [self],
            pullback: { [inverse] g, _, _ in [g.permuted(inverse)] },
            differential: { tangents, _ in tangents[0]!.permuted(axes) })
    }

    /// The axes reordered; see `permuted(_:)`.
    public func permuted(_ axes: Int...) -> Tensor { permuted(axes) }

    /// The transpose of a matrix.
    public func transposed() -> Tensor {
        check(rank == 2, "transposed(): needs a matrix, got shape \(shape)")
        return permuted(1, 0)
    }

    // MARK: - broadcast(to:)

    /// The values repeated along new leading axes and axes of size 1 to fill `target`
    /// (NumPy broadcasting).
    ///
    ///     y = broadcast(x) pullback: sum the cotangent over the broadcast axes
    public func broadcast(to target: [Int]) -> Tensor {
        _ = elementCount(ofShape: target, operation: "broadcast(to:)", allocating: dtype)
        check(rank <= target.count && broadcastShape(shape, target) == target,
                     "broadcast(to:): shape \(shape) does not broadcast to \(target)")
        if target == shape { return self }
        let originalShape = shape
        return Tensor.primitive(
            "broadcast", shape: target,
            storage: Kernels.gather(storage, strides: broadcastStrides(of: shape, to: target), shape: target),
            inputs: [self],
            pullback: { g, _, _ in [g.unbroadcast(to: originalShape)] },
            differential: { tangents, _ in tangents[0]!.broadcast(to: target) })
    }
}
