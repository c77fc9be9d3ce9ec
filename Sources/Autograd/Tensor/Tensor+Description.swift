extension Tensor: CustomStringConvertible {
    /// The values laid out like NumPy prints them, nested brackets per axis; axes longer
    /// than six are elided to their first and last three entries once the tensor holds
    /// more than 1,000 values. Float32 values print as `Float`s (`0.1`, not `0.10000000149011612`).
    public var description: String {
        let elide = scalarCount > 1_000
        let strides = contiguousStrides(shape)
        let formatted = switch storage {
        case let .float32(values): values.map(\.description)
        case let .float64(values): values.map(\.description)
        }
        let width = formatted.map(\.count).max() ?? 0
        func render(axis: Int, offset: Int) -> String {
            guard axis < rank else {
                let text = formatted[offset]
                return String(repeating: " ", count: width - text.count) + text
            }
            let size = shape[axis]
            let shown: [Int?] = elide && size > 6
                ? Array(0..<3) + [nil] + Array(size - 3..<size)
                : Array(0..<size)
            let separator = axis == rank - 1 ? ", " : ",\n" + String(repeating: "\n", count: rank - axis - 2)
            let parts = shown.map { index in
                index.map { render(axis: axis + 1, offset: offset + $0 * strides[axis]) } ?? "..."
            }
            let indent = String(repeating: " ", count: axis + 1)
            return "[" + parts.joined(separator: separator.hasPrefix(",\n") ? separator + indent : separator) + "]"
        }
        return render(axis: 0, offset: 0)
    }
}
