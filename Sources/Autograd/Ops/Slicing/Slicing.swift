// Subscripts on `Tensor`: reading a slice, a functional update (`replacing`, JAX's
// `x.at[...].set`), and assignment through a subscript on leaves. Two primitives, each
// other's transpose: reading a strided region, and writing values into one.
//
// A slice is a copy: `TensorStorage` holds Swift arrays, which cannot alias a sub-range, so a
// view sharing storage is not possible. A contiguous region (a range along the first axis, a
// row) is copied in one block; the whole tensor is returned as itself, without a copy.

// MARK: - Reading a region

extension Tensor {
    /// The values of `region`, in its shape; this tensor itself when the region is all of it.
    ///
    ///     y = x[region]       x̄ = zeros(x.shape) with ȳ written at region       ẏ = ẋ[region]
    func reading(_ region: StridedRegion) -> Tensor {
        if region.start == 0 && region.shape == shape && region.isContiguous { return self }
        let inputShape = shape
        return Tensor.primitive(
            "slice", shape: region.shape, storage: Kernels.read(storage, region: region), inputs: [self],
            pullback: { g, _, _ in [Tensor.zeros(inputShape, dtype: g.dtype).writing(g, into: region)] },
            differential: { tangents, _ in tangents[0]!.reading(region) })
    }
}

// MARK: - Writing a region

extension Tensor {
    /// This tensor with `region` overwritten by `values` (of the region's shape and this type);
    /// `values` itself when the region is all of this tensor.
    ///
    ///     y = x with y[region] = v       x̄ = ȳ with ȳ[region] = 0       v̄ = ȳ[region]
    ///     ẏ = ẋ with ẏ[region] = v̇
    func writing(_ values: Tensor, into region: StridedRegion) -> Tensor {
        if region.start == 0 && region.shape == shape && region.isContiguous { return values }
        let (shape, dtype) = (shape, dtype)
        return Tensor.primitive(
            "replacingSlice", shape: shape, storage: Kernels.writing(values.storage, into: storage, region: region),
            inputs: [self, values],
            pullback: { g, _, isNeeded in
                [isNeeded(0) ? g.writing(Tensor.zeros(region.shape, dtype: g.dtype), into: region) : nil,
                 isNeeded(1) ? g.reading(region) : nil]
            },
            differential: { tangents, _ in
                (tangents[0] ?? Tensor.zeros(shape, dtype: dtype))
                    .writing(tangents[1] ?? Tensor.zeros(region.shape, dtype: dtype), into: region)
            })
    }
}

// MARK: - Public subscripts and replacing

/// The entry `...` stands for in a subscript: the whole axis.
private let wholeAxis = TensorIndex(kind: .range(lower: nil, upper: nil, isClosed: false, stride: 1))

extension Tensor {
    /// The slice that `indices` select, as NumPy's basic indexing: an integer drops its axis
    /// (negative counts from the end), a range keeps it restricted, `.range(_:stride:)` steps,
    /// `.ellipsis` spans the axes not named, `.newAxis` inserts an axis of size 1; axes left
    /// over are kept whole. `x[0]`, `x[0..., 1..<3]`, `x[.ellipsis, 0]`, `x[1, .newAxis]`.
    ///
    ///     y = x[indices]      x̄ = zeros(x.shape) with ȳ at the slice      ẏ = ẋ[indices]
    ///
    /// Setting writes into a leaf, in place: the new value broadcasts to the slice's shape, and
    /// graphs recorded before that read this tensor can no longer be differentiated, as after
    /// `assign(_:)`. (Use `replacing(_:with:)` inside a differentiated function.)
    ///
    /// Traps when an index or a range bound is outside its axis, a stride is zero, more axes are
    /// indexed than there are, or two ellipses appear; setting also traps on a non-leaf, on a
    /// value of another element type, or one that does not broadcast to the slice.
    /// - Complexity: O(slice size); one block copy for a contiguous slice, none for the whole tensor.
    public subscript(_ indices: any TensorIndexExpression...) -> Tensor {
        get { reading(region(selectedBy: indices.map(\.tensorIndex), operation: "subscript")) }
        set { overwrite(at: indices.map(\.tensorIndex), with: newValue) }
    }

    /// The slice with the first axis whole (`x[..., 1]` is NumPy's `x[:, 1]`); see `subscript(_:)`.
    public subscript(_: UnboundedRange, _ indices: any TensorIndexExpression...) -> Tensor {
        get { reading(region(selectedBy: [wholeAxis] + indices.map(\.tensorIndex), operation: "subscript")) }
        set { overwrite(at: [wholeAxis] + indices.map(\.tensorIndex), with: newValue) }
    }

    /// This tensor with the slice that `indices` select replaced by `values`, which broadcast
    /// to the slice's shape: JAX's `x.at[indices].set(values)`, as a new tensor.
    ///
    ///     y = x with y[indices] = v     x̄ = ȳ with the slice zeroed     v̄ = unbroadcast(ȳ[indices])
    ///     ẏ = ẋ with ẏ[indices] = v̇
    ///
    /// Mixed element types promote (to float64). Traps on a bad subscript (see `subscript(_:)`)
    /// or values that do not broadcast to the slice.
    public func replacing(_ indices: any TensorIndexExpression..., with values: Tensor) -> Tensor {
        replacing(indices.map(\.tensorIndex), with: values)
    }

    /// This tensor with a slice whose first axis is whole replaced; see `replacing(_:with:)`.
    public func replacing(_: UnboundedRange, _ indices: any TensorIndexExpression..., with values: Tensor) -> Tensor {
        replacing([wholeAxis] + indices.map(\.tensorIndex), with: values)
    }

    /// `replacing(_:with:)` on resolved entries.
    private func replacing(_ indices: [TensorIndex], with values: Tensor) -> Tensor {
        let region = region(selectedBy: indices, operation: "replacing(_:with:)")
        checkBroadcasts(values, to: region, operation: "replacing(_:with:)")
        let (x, v) = promoted(self, values)
        return x.writing(v.broadcast(to: region.shape), into: region)
    }

    /// Overwrites the slice that `indices` select in this leaf with `newValue` broadcast to
    /// the slice, bumping the version as `assign(_:)` does.
    private func overwrite(at indices: [TensorIndex], with newValue: Tensor) {
        let operation = "subscript assignment"
        check(node == nil, "\(operation): only a leaf can be overwritten; this tensor of shape \(shape) is the result of '\(node!.operation)'")
        check(newValue.dtype == dtype, "\(operation): a \(newValue.dtype) value cannot be written into a \(dtype) tensor of shape \(shape); convert it with converted(to: .\(dtype))")
        let region = region(selectedBy: indices, operation: operation)
        checkBroadcasts(newValue, to: region, operation: operation)
        let values = Kernels.gather(newValue.storage, strides: broadcastStrides(of: newValue.shape, to: region.shape), shape: region.shape)
        assign(Tensor(shape: shape, storage: Kernels.writing(values, into: storage, region: region)))
    }

    /// Traps unless `values` broadcast to the shape of `region`, a slice of this tensor.
    private func checkBroadcasts(_ values: Tensor, to region: StridedRegion, operation: String) {
        check(values.rank <= region.shape.count && broadcastShape(values.shape, region.shape) == region.shape,
              "\(operation): values of shape \(values.shape) do not broadcast to the slice's shape \(region.shape) of a tensor of shape \(shape)")
    }
}
