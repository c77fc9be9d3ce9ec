// `Int` operands in arithmetic, as NumPy and PyTorch accept them (`x * n`, `n - x`, `x / n`):
// the integer is converted to `Double` (exactly, up to 2⁵³ in magnitude) and then acts as a
// `Double` operand does, taking the tensor's type, with the same values and derivatives.

/// Adds an integer to every element.
public func + (a: Tensor, b: Int) -> Tensor { a + Double(b) }
/// Adds an integer to every element.
public func + (a: Int, b: Tensor) -> Tensor { Double(a) + b }
/// Subtracts an integer from every element.
public func - (a: Tensor, b: Int) -> Tensor { a - Double(b) }
/// Subtracts every element from an integer.
public func - (a: Int, b: Tensor) -> Tensor { Double(a) - b }
/// Multiplies every element by an integer.
public func * (a: Tensor, b: Int) -> Tensor { a * Double(b) }
/// Multiplies every element by an integer.
public func * (a: Int, b: Tensor) -> Tensor { Double(a) * b }
/// Divides every element by an integer.
public func / (a: Tensor, b: Int) -> Tensor { a / Double(b) }
/// Divides an integer by every element.
public func / (a: Int, b: Tensor) -> Tensor { Double(a) / b }
