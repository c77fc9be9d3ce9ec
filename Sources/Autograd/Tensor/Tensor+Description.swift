extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// The values as NumPy prints the same array, `np.array2string(a, separator=", ")`: that
    /// is `repr(a)` without `array(` and `)`. Nested brackets per axis, rows on their own lines
    /// (a blank line between matrices), long rows wrapped at 75 characters, and NumPy's
    /// number format (`FloatingPointFormat`): up to 8 digits after the point, trailing zeros
    /// dropped (`[1. , 2.5]`), one fixed or scientific notation for the whole tensor, `nan`
    /// and `inf`, float32 values at float32 precision (`0.1`, not `0.10000000149011612`).
    /// Beyond 1,000 values, each axis longer than 6 shows its first and last 3 entries around
    /// `...`, and the format is chosen from the values shown. A rank-0 tensor prints its
    /// value alone (`2.5`), an empty one `[]`.
    public var description: String { formatted(prefixLength: 0) }

    /// The values as `description` prints them, with the shape and the element type:
    /// `Tensor([[1., 2.],\n        [3., 4.]], shape: [2, 2], dtype: float64)`, the rows aligned
    /// as in NumPy's `repr`.
    public var debugDescription: String {
        let prefix = "Tensor("
        return prefix + formatted(prefixLength: prefix.count) + ", shape: \(shape), dtype: \(dtype))"
    }

    /// The values laid out as NumPy lays them out after a prefix of `prefixLength` characters.
    private func formatted(prefixLength: Int) -> String {
        switch storage {
        case let .float32(values): ArrayLayout(shape: shape, prefixLength: prefixLength).text(of: values)
        case let .float64(values): ArrayLayout(shape: shape, prefixLength: prefixLength).text(of: values)
        }
    }
}

/// NumPy's layout of an array's values (`_formatArray` in numpy/_core/arrayprint.py, with its
/// defaults: line width 75, summarised beyond 1,000 values keeping 3 items at each edge).
private struct ArrayLayout {
    /// The line width NumPy wraps rows at.
    static let lineWidth = 75
    /// NumPy's `threshold`: more values than this are summarised.
    static let summaryThreshold = 1_000
    /// NumPy's `edgeitems`: entries kept at each end of a summarised axis.
    static let edgeItems = 3

    let shape: [Int]
    let strides: [Int]
    /// Whether long axes are shortened to their edges around "...".
    let isSummarised: Bool
    /// Continuation lines start with this (one space for the outer "[", more after a prefix).
    let hangingIndent: String

    init(shape: [Int], prefixLength: Int) {
        self.shape = shape
        strides = contiguousStrides(shape)
        isSummarised = shape.reduce(1, *) > ArrayLayout.summaryThreshold
        hangingIndent = String(repeating: " ", count: 1 + prefixLength)
    }

    /// The entries shown along `axis`: every index, or the edges with `nil` for "..." between.
    private func entries(alongAxis axis: Int) -> [Int?] {
        let size = shape[axis], edge = ArrayLayout.edgeItems
        guard isSummarised, size > 2 * edge else { return Array(0..<size) }
        return Array(0..<edge) + [nil] + Array(size - edge..<size)
    }

    /// The offsets of the values shown, in row-major order.
    private func shownOffsets(fromAxis axis: Int = 0, offset: Int = 0) -> [Int] {
        guard axis < shape.count else { return [offset] }
        return entries(alongAxis: axis).compactMap { $0 }.flatMap {
            shownOffsets(fromAxis: axis + 1, offset: offset + $0 * strides[axis])
        }
    }

    /// `values` (row-major, of this layout's shape) laid out.
    func text<T: BinaryFloatingPoint & LosslessStringConvertible>(of values: [T]) -> String {
        guard !values.isEmpty else { return "[]" }
        let format = FloatingPointFormat(shownOffsets().map { values[$0] })
        return layout(axis: 0, offset: 0, indent: hangingIndent, width: ArrayLayout.lineWidth) { format(values[$0]) }
    }

    /// The sub-array at `offset` from `axis` on, its first line's indent left out: rows
    /// of the last axis wrap before `width`, the other axes put one entry per line.
    private func layout(axis: Int, offset: Int, indent: String, width: Int, value: (Int) -> String) -> String {
        guard axis < shape.count else { return value(offset) }
        let words = entries(alongAxis: axis).map { entry in
            entry.map { layout(axis: axis + 1, offset: offset + $0 * strides[axis], indent: indent + " ", width: width - 1, value: value) } ?? "..."
        }
        var text = ""
        if axis == shape.count - 1 {
            var line = indent
            for (index, word) in words.enumerated() {
                // Wrap before the closing bracket or comma would pass the width, unless the line is still empty.
                if line.count + word.count > width - 1, line.count > indent.count {
                    while line.last == " " { line.removeLast() }
                    text += line + "\n"
                    line = indent
                }
                line += word + (index < words.count - 1 ? ", " : "")
            }
            text += line
        } else {
            let separator = "," + String(repeating: "\n", count: shape.count - axis - 1)
            text = words.map { indent + $0 }.joined(separator: separator)
        }
        return "[" + text.dropFirst(indent.count) + "]"
    }
}
