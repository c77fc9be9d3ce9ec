// Gathering and scattering along an axis with index tensors (PyTorch's `gather`,
// `index_select`, `scatter_add`) and one-hot encoding. Every one is a composition of the
// flat-offset primitives `gathering(offsets:shape:)` and `scattering(offsets:into:)`, whose
// rules are each other, so these need no rules of their own.
//
// An index tensor is a `Tensor` holding whole numbers (as `argmax(alongAxis:)` returns); a
// value that is not a whole number, or outside its axis, traps.

// MARK: - Index tensors

/// The values of an index tensor as integers.
///
/// Traps when a value is not a whole number (NaN and ±∞ included).
private func wholeNumbers(_ indices: Tensor, operation: String) -> [Int] {
    indices.scalars.map { value in
        guard value.rounded() == value, let integer = Int(exactly: value) else {
            checkFailed("\(operation): index \(value) is not a whole number")
        }
        return integer
    }
}

extension Tensor {
    /// Traps unless `index` is in `0..<shape[axis]`.
    private func checkIndex(_ index: Int, alongAxis axis: Int, operation: String) {
        check((0..<shape[axis]).contains(index), "\(operation): index \(index) is out of range for shape \(shape) along axis \(axis)")
    }

    /// The offsets into this tensor's values of `x[i₀, …, index[i₀, …], …]` for every position
    /// of `indices` (PyTorch's `gather` and `scatter_add` addressing along `axis`).
    ///
    /// Traps when `indices` has another rank, is larger than this tensor along an axis other
    /// than `axis`, or holds a bad index.
    private func offsets(alongAxis axis: Int, indices: Tensor, operation: String) -> [Int] {
        check(indices.rank == rank && (0..<rank).allSatisfy { $0 == axis || indices.shape[$0] <= shape[$0] },
              "\(operation): indices of shape \(indices.shape) do not fit a tensor of shape \(shape) along axis \(axis)")
        let positions = wholeNumbers(indices, operation: operation)
        for index in positions { checkIndex(index, alongAxis: axis, operation: operation) }
        var strides = contiguousStrides(shape)
        let axisStride = strides[axis]
        strides[axis] = 0
        var offsets = [Int](repeating: 0, count: positions.count)
        forEachIndex(of: indices.shape, strides: strides, strides) { linear, offset, _ in
            offsets[linear] = offset + positions[linear] * axisStride
        }
        return offsets
    }
}

// MARK: - Gather, select and scatter-add along an axis

extension Tensor {
    /// The elements along `axis` at `indices`, PyTorch's `torch.gather(x, axis, indices)`:
    /// for axis 1 of a rank-3 tensor,
    ///
    ///     y[i, j, k] = x[i, indices[i, j, k], k]       x̄ = scatter-add of ȳ at the same places
    ///     ẏ = ẋ gathered the same way
    ///
    /// The result has the shape of `indices`, which has this tensor's rank and is no larger
    /// along the other axes. A negative `axis` counts from the end.
    ///
    /// Traps when the shapes do not fit or an index is not a whole number in `0..<shape[axis]`.
    public func gathering(alongAxis axis: Int, indices: Tensor) -> Tensor {
        let operation = "gathering(alongAxis:indices:)"
        let axis = normalizedAxis(axis, rank: rank, operation: operation)
        return gathering(offsets: offsets(alongAxis: axis, indices: indices, operation: operation), shape: indices.shape)
    }

    /// The slices along `axis` at `indices`, in that order (PyTorch's `index_select`, NumPy's
    /// `take(x, indices, axis)`); an index may repeat, and its gradient accumulates.
    ///
    ///     y[…, i, …] = x[…, indices[i], …]      x̄ = scatter-add of ȳ's slices      ẏ = ẋ selected alike
    ///
    /// Traps when `axis` or an index (`0..<shape[axis]`, negative ones too) is out of range.
    public func selecting(_ indices: [Int], alongAxis axis: Int) -> Tensor {
        selecting(indices, alongAxis: axis, operation: "selecting(_:alongAxis:)")
    }

    /// The slices along `axis` at the whole numbers of the vector `indices`; see
    /// `selecting(_:alongAxis:)`.
    ///
    /// Traps when `indices` is not a vector or holds a value that is not a whole number.
    public func selecting(_ indices: Tensor, alongAxis axis: Int) -> Tensor {
        let operation = "selecting(_:alongAxis:)"
        check(indices.rank == 1, "\(operation): indices must be a vector, got shape \(indices.shape)")
        return selecting(wholeNumbers(indices, operation: operation), alongAxis: axis, operation: operation)
    }

    /// `selecting(_:alongAxis:)`, with traps naming `operation`.
    func selecting(_ indices: [Int], alongAxis axis: Int, operation: String) -> Tensor {
        let axis = normalizedAxis(axis, rank: rank, operation: operation)
        let outerCount = shape[..<axis].reduce(1, *), axisSize = shape[axis]
        let innerSize = shape[(axis + 1)...].reduce(1, *)
        for index in indices { checkIndex(index, alongAxis: axis, operation: operation) }
        var offsets: [Int] = []
        offsets.reserveCapacity(outerCount * indices.count * innerSize)
        for outer in 0..<outerCount {
            for index in indices {
                let start = (outer * axisSize + index) * innerSize
                offsets.append(contentsOf: start..<start + innerSize)
            }
        }
        var outputShape = shape
        outputShape[axis] = indices.count
        return gathering(offsets: offsets, shape: outputShape)
    }

    /// This tensor with `values` added at the places `indices` name along `axis`, PyTorch's
    /// `x.scatter_add(axis, indices, values)`: for axis 1 of a rank-3 tensor,
    ///
    ///     y = x;  y[i, indices[i, j, k], k] += values[i, j, k]   (repeated places accumulate)
    ///     x̄ = ȳ      v̄ = ȳ gathered at the same places      ẏ = ẋ + v̇ scattered alike
    ///
    /// `values` has the shape of `indices`, which has this tensor's rank and is no larger along
    /// the other axes. Mixed element types promote (to float64).
    ///
    /// Traps when the shapes do not fit or an index is not a whole number in `0..<shape[axis]`.
    public func scatteringAdding(_ values: Tensor, alongAxis axis: Int, indices: Tensor) -> Tensor {
        let operation = "scatteringAdding(_:alongAxis:indices:)"
        let axis = normalizedAxis(axis, rank: rank, operation: operation)
        check(values.shape == indices.shape, "\(operation): values of shape \(values.shape) and indices of shape \(indices.shape) differ")
        return self + values.scattering(offsets: offsets(alongAxis: axis, indices: indices, operation: operation), into: shape)
    }
}

// MARK: - One-hot encoding

extension Tensor {
    /// One row of `classCount` values per label, 1 at the label and 0 elsewhere, of shape
    /// `labels.shape + [classCount]` (PyTorch's `one_hot`); a constant, with no derivative.
    ///
    /// Traps when a label is not a whole number in `0..<classCount`.
    public static func oneHot(_ labels: Tensor, classCount: Int, dtype: DType = .float64) -> Tensor {
        let operation = "oneHot(_:classCount:dtype:)"
        let count = elementCount(ofShape: labels.shape + [classCount], operation: operation, allocating: dtype)
        var scalars = [Double](repeating: 0, count: count)
        for (row, label) in wholeNumbers(labels, operation: operation).enumerated() {
            check((0..<classCount).contains(label), "\(operation): label \(label) is out of range for \(classCount) classes")
            scalars[row * classCount + label] = 1
        }
        return Tensor(shape: labels.shape + [classCount], scalars: scalars).converted(to: dtype)
    }
}
