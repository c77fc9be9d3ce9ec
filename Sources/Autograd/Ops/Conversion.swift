// Changing the element type, and the promotion of mixed operands that every binary operation
// applies before it computes.

// MARK: - converted(to:)

extension Tensor {
    /// This tensor's values in `dtype` (the tensor itself when it already has that type).
    /// Narrowing to float32 rounds to nearest, ties to even, as PyTorch's `.float()`.
    ///
    ///     y = convert(x)   x̄ = ȳ converted back to x's type,   ẏ = ẋ converted to y's type
    public func converted(to dtype: DType) -> Tensor {
        guard dtype != self.dtype else { return self }
        let sourceType = self.dtype
        return Tensor.unary("converted", self, storage: storage.converted(to: dtype),
                            pullback: { g, _ in g.converted(to: sourceType) },
                            differential: { dx, _ in dx.converted(to: dtype) })
    }

    /// A constant holding `value` in this tensor's type: how a `Double` operand meets a tensor
    /// (`x * 0.5` stays float32).
    func constant(_ value: Double) -> Tensor { Tensor(value, dtype: dtype) }
}

/// The two operands in the type their operation computes in: float64 when either is, as
/// PyTorch promotes. The conversion is an operation of its own, so derivatives flow back to
/// each operand in its own type.
func promoted(_ a: Tensor, _ b: Tensor) -> (Tensor, Tensor) {
    guard a.dtype != b.dtype else { return (a, b) }
    let dtype = a.dtype.promoted(with: b.dtype)
    return (a.converted(to: dtype), b.converted(to: dtype))
}
