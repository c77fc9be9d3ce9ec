// Tensor literals: `let x: Tensor = [[1, 2], [3, 4]]` (nested to any depth, integer and float
// literals) and `let s: Tensor = 2.5`. Literals make float64 tensors, as `Tensor([Double])` does;
// write `Tensor([1, 2] as [Float])` or convert (`.converted(to: .float32)`) for float32.
//
// A bare integer literal is not a tensor (`let s: Tensor = 2` does not compile; write 2.0 or
// Tensor(2)). An integer literal's default type is Int, so in a call like `pow(10, 2.0)` or
// `exp(1)` both Foundation's `Double` function and this package's `Tensor` one would take it at
// the same cost, and every such call in a file importing Autograd would become ambiguous. A
// float literal's default type is `Double`, which wins (`exp(1.0)` stays a `Double`), and the
// numbers inside an array literal are `TensorLiteralElement`s, which no function overloads.

extension Tensor: ExpressibleByFloatLiteral, ExpressibleByArrayLiteral {
    /// A float64 rank-0 tensor: `let s: Tensor = 2.5`.
    public convenience init(floatLiteral value: Double) {
        self.init(value)
    }

    /// A float64 tensor from nested array literals: `[1, 2]` has shape [2], `[[1, 2], [3, 4]]`
    /// shape [2, 2], `[]` shape [0]. Every element of one array must have the same shape.
    ///
    /// Traps when the nesting is ragged (`[[1, 2], [3]]`), naming the shape read so far.
    public convenience init(arrayLiteral elements: TensorLiteralElement...) {
        let literal = TensorLiteralElement(elements)
        self.init(shape: literal.shape, scalars: literal.scalars)
    }
}

/// One element of a `Tensor` array literal: a number or a nested array of them, with its shape.
/// It exists only so that literals nest (`[[1, 2], [3, 4]]`); it is not a tensor, so tensors
/// in an array literal (`[x, y]`) do not compile: use `stacked([x, y])` to join tensors.
public struct TensorLiteralElement: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, Sendable
{
    /// The element's shape: empty for a number.
    let shape: [Int]
    /// Its values in row-major order.
    let scalars: [Double]

    /// A number in a tensor literal.
    public init(floatLiteral value: Double) {
        shape = []
        scalars = [value]
    }

    /// A whole number in a tensor literal, read as a `Double`.
    public init(integerLiteral value: Double) {
        self.init(floatLiteral: value)
    }

    /// A nested array in a tensor literal; traps when its elements differ in shape.
    public init(arrayLiteral elements: TensorLiteralElement...) {
        self.init(elements)
    }

    /// The array of `elements`, whose shape is their count followed by their common shape.
    init(_ elements: [TensorLiteralElement]) {
        let inner = elements.first?.shape ?? []
        if let ragged = elements.firstIndex(where: { $0.shape != inner }) {
            checkFailed("""
                Tensor literal: ragged nesting; element \(ragged) has shape \(elements[ragged].shape) \
                where element 0 has shape \(inner) (the literal's shape so far is \([elements.count] + inner))
                """)
        }
        shape = [elements.count] + inner
        scalars = elements.flatMap(\.scalars)
    }
}
