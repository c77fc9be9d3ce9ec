// Functional reverse mode. These leave every user's `grad` and flags alone: they
// differentiate with respect to private copies of the inputs and hand the cotangents back.

extension Tensor {
    /// The same values as a new tensor joined to this one by the identity, so it carries
    /// this tensor's graph and tangents (that is how transforms nest).
    ///
    ///     y = x            ȳ ↦ x̄ = ȳ,   ẏ = ẋ
    func aliased() -> Tensor {
        Tensor.unary("input", self, storage: storage, pullback: { g, _ in g }, differential: { dx, _ in dx })
    }

    /// A copy of this tensor to differentiate with respect to: an alias joined to this
    /// tensor's graph, or a fresh leaf when there is no graph to join. The copy belongs to the
    /// transform, so marking it races with nothing, and operations on it are recorded on any
    /// thread.
    func differentiableInput() -> Tensor {
        let input = aliased()
        if input.node == nil { input.isGradientLeaf = true }
        return input
    }
}

/// The value of `f` at `inputs` and its pullback, which maps a cotangent of the value to
/// the cotangents of the inputs (vector-Jacobian products) and can be called many times.
///
/// The pullback records its own operations, so its results can be differentiated again,
/// whenever they could be. That is decided each time the pullback is called, in the context
/// of that call: inside another transform, or when the cotangent, an input or a tensor `f`
/// captures requires gradients. Inside `withoutGradients` it records nothing.
public func valueWithPullback(
    at inputs: [Tensor], of f: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, pullback: (Tensor) -> [Tensor]) {
    let privateInputs = inputs.map { $0.differentiableInput() }
    let value = try DifferentiationContext.with({ $0.isRecording = true }) { try f(privateInputs) }
    return (value, { cotangent in
        check(cotangent.shape == value.shape,
              "pullback: the cotangent has shape \(cotangent.shape) but the value has shape \(value.shape)")
        return Backpropagation.cotangents(of: privateInputs, from: value, seed: cotangent, targetsAreInputCopies: true).cotangents
    })
}

/// The value of `f` at `x` and its pullback; see ``valueWithPullback(at:of:)-([Tensor],_)`` for many inputs.
public func valueWithPullback(
    at x: Tensor, of f: (Tensor) throws -> Tensor
) rethrows -> (value: Tensor, pullback: (Tensor) -> Tensor) {
    let (value, pullback) = try valueWithPullback(at: [x]) { try f($0[0]) }
    return (value, { pullback($0)[0] })
}

/// The value of `f` at `(x, y)` and its pullback to both inputs.
public func valueWithPullback(
    at x: Tensor, _ y: Tensor, of f: (Tensor, Tensor) throws -> Tensor
) rethrows -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
    let (value, pullback) = try valueWithPullback(at: [x, y]) { try f($0[0], $0[1]) }
    return (value, { cotangent in
        let cotangents = pullback(cotangent)
        return (cotangents[0], cotangents[1])
    })
}

/// The value of `f` at `x` and the vector-Jacobian product `cotangentᵀ·J`.
public func vjp(
    at x: Tensor, cotangent: Tensor, of f: (Tensor) throws -> Tensor
) rethrows -> (value: Tensor, cotangent: Tensor) {
    let (value, pullback) = try valueWithPullback(at: x, of: f)
    check(cotangent.shape == value.shape, "vjp: the cotangent has shape \(cotangent.shape) but the value has shape \(value.shape)")
    return (value, pullback(cotangent))
}

/// The value of a scalar function `f` at `inputs` and its gradient with respect to each.
///
/// Traps when `f` returns more than one element (use `vjp` for those).
public func valueWithGradient(
    at inputs: [Tensor], of f: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, gradient: [Tensor]) {
    try valueWithGradient(at: inputs, operation: "gradient", of: f)
}

/// `valueWithGradient(at:of:)`, naming `operation` when the function is not scalar.
func valueWithGradient(
    at inputs: [Tensor], operation: String, of f: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, gradient: [Tensor]) {
    let (value, pullback) = try valueWithPullback(at: inputs, of: f)
    check(value.scalarCount == 1,
                 "\(operation): the function returned shape \(value.shape); it needs a scalar function (use vjp or jacobian)")
    return (value, pullback(value.filled(with: 1)))
}

/// The value of a scalar function `f` at `x` and its gradient.
public func valueWithGradient(
    at x: Tensor, of f: (Tensor) throws -> Tensor
) rethrows -> (value: Tensor, gradient: Tensor) {
    let (value, gradients) = try valueWithGradient(at: [x]) { try f($0[0]) }
    return (value, gradients[0])
}

/// The value of a scalar function `f` at `(x, y)` and its gradient with respect to both.
public func valueWithGradient(
    at x: Tensor, _ y: Tensor, of f: (Tensor, Tensor) throws -> Tensor
) rethrows -> (value: Tensor, gradient: (Tensor, Tensor)) {
    let (value, gradients) = try valueWithGradient(at: [x, y]) { try f($0[0], $0[1]) }
    return (value, (gradients[0], gradients[1]))
}

/// The gradient of a scalar function `f` at `inputs`, one tensor per input.
public func gradient(at inputs: [Tensor], of f: ([Tensor]) throws -> Tensor) rethrows -> [Tensor] {
    try valueWithGradient(at: inputs, of: f).gradient
}

/// The gradient of a scalar function `f` at `x`.
///
///     gradient(at: x) { x in (x * x).sum() }   // 2x
public func gradient(at x: Tensor, of f: (Tensor) throws -> Tensor) rethrows -> Tensor {
    try valueWithGradient(at: x, of: f).gradient
}

/// The gradient of a scalar function `f` at `(x, y)` with respect to both.
public func gradient(at x: Tensor, _ y: Tensor, of f: (Tensor, Tensor) throws -> Tensor) rethrows -> (Tensor, Tensor) {
    try valueWithGradient(at: x, y, of: f).gradient
}
