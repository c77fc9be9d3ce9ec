// Padding a tensor along its axes (`np.pad`). A composition of the offset primitives:
// reflection reads every output element from some input element, a gather (its pullback
// scatters, adding the cotangents of the mirrored copies); a constant border places the input
// in zeros, a scatter, and adds the constant border.

extension Tensor {
    /// How `padded(_:mode:)` fills the border.
    public enum PaddingMode: Sendable, Equatable {
        /// Every border element is this value (`np.pad`'s `constant`, PyTorch's `constant`).
        case constant(Double)
        /// The border mirrors the tensor about its edge elements, which are not repeated:
        /// [1, 2, 3] padded by 2 on each side is [3, 2, 1, 2, 3, 2, 1] (`np.pad`'s `reflect`,
        /// PyTorch's `reflect`).
        case reflect
    }

    /// The tensor with `widths[i].before` elements added before and `widths[i].after` after
    /// it along axis i, filled as `mode` says (by default zeros), as `np.pad(x, widths, mode)`.
    ///
    ///     reflect:   y = gather(x)                x̄ = scatter-add(ȳ)  (mirrored copies add up)
    ///     constant:  y = scatter(x) + border      x̄ = the interior of ȳ
    ///
    /// Traps when there is not one pair of widths per axis, a width is negative, or a
    /// reflected width is not less than its axis's size (as PyTorch; NumPy reflects again).
    /// - Complexity: O(n) for n elements in the result.
    public func padded(_ widths: [(before: Int, after: Int)], mode: PaddingMode = .constant(0)) -> Tensor {
        let description = widths.map { "(\($0.before), \($0.after))" }.joined(separator: ", ")
        check(widths.count == rank, "padded(_:mode:): needs one pair of widths per axis of shape \(shape), got [\(description)]")
        check(widths.allSatisfy { $0.before >= 0 && $0.after >= 0 },
              "padded(_:mode:): widths [\(description)] must not be negative, for shape \(shape)")
        let outputShape = zip(shape, widths).map { $0 + $1.before + $1.after }
        _ = elementCount(ofShape: outputShape, operation: "padded(_:mode:)", allocating: dtype)
        switch mode {
        case .reflect:
            for (axis, width) in widths.enumerated() where width.before > 0 || width.after > 0 {
                check(width.before < shape[axis] && width.after < shape[axis], """
                    padded(_:mode:): reflected widths (\(width.before), \(width.after)) of axis \(axis) must be less \
                    than its size in shape \(shape)
                    """)
            }
            let sources = sourceOffsets(widths) { index, size in index < 0 ? -index : index < size ? index : 2 * (size - 1) - index }
            return gathering(offsets: sources.map { $0! }, shape: outputShape)
        case let .constant(value):
            let sources = sourceOffsets(widths) { index, size in (0..<size).contains(index) ? index : nil }
            let placed = scattering(offsets: sources.indices.filter { sources[$0] != nil }, into: outputShape)
            guard value != 0 else { return placed }
            let border = Tensor(shape: outputShape, scalars: sources.map { $0 == nil ? value : 0 }).converted(to: dtype)
            return placed + border
        }
    }

    /// For every element of the padded result, in row-major order, the offset of the input
    /// element it reads, or `nil` for a border element without one. `source(i, n)` maps a
    /// position i of an axis of size n, counted from the input's first element (so negative
    /// in the leading border), to the input position it reads.
    private func sourceOffsets(_ widths: [(before: Int, after: Int)], _ source: (Int, Int) -> Int?) -> [Int?] {
        let strides = contiguousStrides(shape)
        var offsets: [Int?] = [0]
        for (axis, width) in widths.enumerated() {
            let positions = (-width.before..<shape[axis] + width.after).map { source($0, shape[axis]) }
            offsets = offsets.flatMap { offset in
                positions.map { position in offset.flatMap { offset in position.map { offset + $0 * strides[axis] } } }
            }
        }
        return offsets
    }
}
