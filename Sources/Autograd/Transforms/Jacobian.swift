/// Which pass builds a Jacobian.
public enum JacobianMode: Sendable {
    /// Reverse mode when the output has no more elements than the input, else forward.
    case automatic
    /// One pullback of a basis vector per output element (rows).
    case reverse
    /// One forward pass per input element (columns).
    case forward
}

/// The Jacobian of `f` at `x`, of shape `output.shape + input.shape`: entry [i…, j…] is
/// ∂fᵢ/∂xⱼ. A function that ignores its input has a zero Jacobian.
///
/// The rows (or columns) are stacked with a differentiable operation, so the Jacobian
/// carries its graph and tangents and can be differentiated again.
///
/// - Complexity: `mode` picks the cheaper side by default: one pullback per output element
///   or one forward pass per input element.
public func jacobian(at x: Tensor, mode: JacobianMode = .automatic, of f: (Tensor) throws -> Tensor) rethrows -> Tensor {
    if mode != .forward {
        let (value, pullback) = try valueWithPullback(at: x, of: f)
        if mode == .reverse || value.scalarCount <= x.scalarCount {
            guard value.scalarCount > 0 && x.scalarCount > 0 else { return Tensor.zeros(value.shape + x.shape, dtype: value.dtype) }
            let rows = (0..<value.scalarCount).map { pullback(basisVector($0, like: value)) }
            return stacked(rows).reshaped(to: value.shape + x.shape)
        }
    }
    let columns = try (0..<x.scalarCount).map { try jvp(at: x, tangent: basisVector($0, like: x), of: f) }
    let value = try columns.first?.value ?? withoutGradients { try f(x) }
    guard value.scalarCount > 0 && x.scalarCount > 0 else { return Tensor.zeros(value.shape + x.shape, dtype: value.dtype) }
    return stacked(columns.map(\.tangent), alongAxis: -1).reshaped(to: value.shape + x.shape)
}

/// The tensor of `tensor`'s shape and type that is 1 at flat index `index` and 0 elsewhere.
private func basisVector(_ index: Int, like tensor: Tensor) -> Tensor {
    var scalars = [Double](repeating: 0, count: tensor.scalarCount)
    scalars[index] = 1
    return Tensor(shape: tensor.shape, scalars: scalars).converted(to: tensor.dtype)
}
