// Hessian-vector products and Hessians, built from the first-order transforms: because every
// rule is written in `Tensor` ops, the gradient is itself differentiable.

/// How `hessianVectorProduct` composes the two passes.
public enum HessianVectorProductMethod: Sendable {
    /// The JVP of the gradient (JAX's default): one forward pass carrying tangents through
    /// the backward pass. Cheapest.
    case forwardOverReverse
    /// The gradient of ⟨∇f, v⟩: the backward pass is recorded and differentiated again.
    case reverseOverReverse
}

/// H·v for a scalar function `f` of several tensors, without forming H: one product per
/// input, in order. Traps when `f` is not scalar or a direction's shape differs from its input's.
public func hessianVectorProduct(
    at inputs: [Tensor], along directions: [Tensor], method: HessianVectorProductMethod = .forwardOverReverse,
    of f: ([Tensor]) throws -> Tensor
) rethrows -> [Tensor] {
    check(inputs.count == directions.count,
                 "hessianVectorProduct: \(inputs.count) inputs but \(directions.count) directions")
    for (input, direction) in zip(inputs, directions) {
        check(input.shape == direction.shape,
                     "hessianVectorProduct: the direction has shape \(direction.shape) but the input has shape \(input.shape)")
    }
    let operation = "hessianVectorProduct"
    switch method {
    case .forwardOverReverse:
        return try jvpOfOutputs(at: inputs, tangents: directions, operation: operation) { x in
            try valueWithGradient(at: x, operation: operation, of: f).gradient
        }.tangents
    case .reverseOverReverse:
        return try valueWithGradient(at: inputs, operation: operation) { x in
            innerProduct(try valueWithGradient(at: x, operation: operation, of: f).gradient, directions)
        }.gradient
    }
}

/// H·v for a scalar function `f` of one tensor, without forming H.
///
///     hessianVectorProduct(at: x, along: v) { x in pow(x, 3).sum() }   // 6x ⊙ v
public func hessianVectorProduct(
    at x: Tensor, along direction: Tensor, method: HessianVectorProductMethod = .forwardOverReverse,
    of f: (Tensor) throws -> Tensor
) rethrows -> Tensor {
    try hessianVectorProduct(at: [x], along: [direction], method: method) { try f($0[0]) }[0]
}

/// The Hessian of a scalar function `f` at `x`, of shape `x.shape + x.shape`: the forward-mode
/// Jacobian of the gradient (one Hessian-vector product per element of `x`).
public func hessian(at x: Tensor, of f: (Tensor) throws -> Tensor) rethrows -> Tensor {
    try jacobian(at: x, mode: .forward) { x in
        try valueWithGradient(at: [x], operation: "hessian") { try f($0[0]) }.gradient[0]
    }
}

/// Σᵢ ⟨aᵢ, bᵢ⟩ over pairs of tensors of equal shapes, as a differentiable scalar.
func innerProduct(_ a: [Tensor], _ b: [Tensor]) -> Tensor {
    zip(a, b).map { ($0 * $1).sum() }.reduce(Tensor(0), +)
}
