// Selecting and placing elements. Two primitives, each the other's transpose: a gather
// reads the input at a list of flat offsets, and a scatter adds a tensor's values into
// zeros at those offsets. Row selection, one entry per row and concatenation are
// compositions of the two.

// MARK: - Gather at flat offsets

extension Tensor {
    /// The elements at the row-major `offsets`, arranged in `shape`.
    ///
    ///     yⱼ = x[offsetⱼ]          x̄ = scatter(ȳ)     ẏ = gather(ẋ)
    func gathering(offsets: [Int], shape outputShape: [Int]) -> Tensor {
        let inputShape = shape
        return Tensor.primitive(
            "gather", shape: outputShape, storage: Kernels.gather(storage, offsets: offsets), inputs: [self],
            pullback: { g, _, _ in [g.scattering(offsets: offsets, into: inputShape)] },
            differential: { tangents, _ in tangents[0]!.gathering(offsets: offsets, shape: outputShape) })
    }
}

// MARK: - Scatter-add at flat offsets

extension Tensor {
    /// Zeros of `outputShape` with each element of this tensor added at its row-major offset.
    ///
    ///     y[offsetⱼ] += xⱼ         x̄ = gather(ȳ)      ẏ = scatter(ẋ)
    func scattering(offsets: [Int], into outputShape: [Int]) -> Tensor {
        let inputShape = shape
        return Tensor.primitive(
            "scatter", shape: outputShape,
            storage: Kernels.scatterAdding(storage, offsets: offsets, count: outputShape.reduce(1, *)), inputs: [self],
            pullback: { g, _, _ in [g.gathering(offsets: offsets, shape: inputShape)] },
            differential: { tangents, _ in tangents[0]!.scattering(offsets: offsets, into: outputShape) })
    }
}

// MARK: - Public selection

extension Tensor {
    /// The rows (slices along the first axis) at `indices`, in that order; an index may
    /// repeat, and the gradient of a repeated row accumulates. Mini-batches are built this way.
    ///
    ///     y[i] = x[indices[i]]
    ///
    /// Traps when an index is outside the first axis.
    public func gathering(rows indices: [Int]) -> Tensor {
        check(rank >= 1, "gathering(rows:): needs at least one axis, got a scalar")
        return selecting(indices, alongAxis: 0, operation: "gathering(rows:)")
    }

    /// One entry per row of a matrix: `y[i] = x[i, columns[i]]`, as a vector. This picks
    /// each example's score for its label.
    ///
    /// Traps when the count of `columns` differs from the number of rows, or a column is
    /// out of range.
    public func gathering(columnInEachRow columns: [Int]) -> Tensor {
        check(rank == 2 && columns.count == shape[0], """
            gathering(columnInEachRow:): needs a matrix and one column per row, got shape \(shape) \
            and \(columns.count) columns
            """)
        let offsets = columns.enumerated().map { row, column in
            check((0..<shape[1]).contains(column),
                         "gathering(columnInEachRow:): column \(column) is out of range for shape \(shape)")
            return row * shape[1] + column
        }
        return gathering(offsets: offsets, shape: [shape[0]])
    }
}

// MARK: - Concatenation

/// The tensors joined along `axis` (negative counts from the end); their other sizes must
/// agree. A composition: each part is scattered into its place, and the parts are added.
///
///     y = [x₁ x₂ … xₖ]         x̄ᵢ = the slice of ȳ where xᵢ sits
///
/// - Complexity: O(k·n) for k parts and n elements in the result.
public func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
    check(!tensors.isEmpty, "concatenate: needs at least one tensor")
    let first = tensors[0]
    let axis = normalizedAxis(axis, rank: first.rank, operation: "concatenate")
    for tensor in tensors {
        check(
            tensor.rank == first.rank
                && tensor.shape.indices.allSatisfy { $0 == axis || tensor.shape[$0] == first.shape[$0] },
            "concatenate: shapes \(tensors.map(\.shape)) differ outside axis \(axis)")
    }
    var outputShape = first.shape
    outputShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outerCount = first.shape[..<axis].reduce(1, *)
    let innerSize = first.shape[(axis + 1)...].reduce(1, *)
    let outputRowSize = outputShape[axis] * innerSize
    var start = 0
    let parts = tensors.map { tensor in
        let rowSize = tensor.shape[axis] * innerSize
        var offsets: [Int] = []
        offsets.reserveCapacity(outerCount * rowSize)
        for outer in 0..<outerCount {
            let rowStart = outer * outputRowSize + start * innerSize
            offsets.append(contentsOf: rowStart..<rowStart + rowSize)
        }
        start += tensor.shape[axis]
        return tensor.scattering(offsets: offsets, into: outputShape)
    }
    return parts.dropFirst().reduce(parts[0], +)
}
