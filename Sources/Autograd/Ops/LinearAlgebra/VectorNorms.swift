// Vector norms: compositions of `abs`, `sum`, `max` and the Frobenius norm, so their rules are
// those of the parts.

/// Which norm `vectorNorm(_:)` takes: ‖x‖₁, ‖x‖₂ or ‖x‖∞.
public enum VectorNormOrder: Sendable, CaseIterable {
    /// ‖x‖₁ = Σ |xᵢ|.
    case one
    /// ‖x‖₂ = √(Σ xᵢ²), the Euclidean norm.
    case two
    /// ‖x‖∞ = maxᵢ |xᵢ|.
    case infinity
}

extension Tensor {
    /// A norm of every element taken as one vector, whatever the shape (as
    /// `torch.linalg.vector_norm` with no `dim`):
    ///
    ///     ‖x‖₁ = Σ |xᵢ|        ∂/∂xᵢ = sign xᵢ
    ///     ‖x‖₂ = √(Σ xᵢ²)      ∂/∂xᵢ = xᵢ/‖x‖₂   (0 at x = 0, never NaN; `frobeniusNorm()`)
    ///     ‖x‖∞ = maxᵢ |xᵢ|      ∂/∂xᵢ = sign xᵢ / k at each of the k largest |xᵢ|, else 0
    ///
    /// Where a norm has a kink (an xᵢ = 0 for ‖·‖₁, a tie for ‖·‖∞, x = 0 for ‖·‖₂) the rule
    /// gives the subgradient above: 0 for sign 0, the derivative shared equally between ties.
    /// The norm of no elements is 0 for ‖·‖₁ and ‖·‖₂; ‖·‖∞ of no elements traps, as `max()` does.
    public func vectorNorm(_ order: VectorNormOrder = .two) -> Tensor {
        switch order {
        case .one: abs(self).sum()
        case .two: frobeniusNorm()
        case .infinity: abs(self).max()
        }
    }
}
