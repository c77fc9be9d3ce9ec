// Tensor literals: `let x: Tensor = [[1, 2], [3, 4]]`, nested to any depth, of integer and float
// literals. Literals make float64 tensors, as `Tensor([Double])` does; write
// `Tensor([1, 2] as [Float])` or convert (`.converted(to: .float32)`) for float32.
//
// A bare number is not a tensor literal (write `Tensor(2.5)`): were `Tensor` expressible by a
// float literal, the type checker would read `x * 0.5` as `x * Tensor(0.5)`, since it tries an
// operator whose operands have one type first and keeps the first that works, so a float32 `x`
// would be promoted to float64 by a float64 constant (instead of 0.5 taking x's type) and every
// scalar operation would allocate a tensor. Were it expressible by an integer literal, calls such
// as `pow(10, 2.0)` or `exp(1)` in any file importing Autograd would become ambiguous, as the
// `Double` and the `Tensor` function would take the literal at the same cost. The numbers inside
// an array literal are `TensorLiteralElement`s, which no operator or function overloads.

extension Tensor: ExpressibleByArrayLiteral {
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
