// True forward mode: one pass that carries tangents beside values, no backward pass and
// no Jacobian.

/// The value of `f` at `inputs` and its directional derivative along `tangents`
/// (the Jacobian-vector product J·v), from a single forward pass.
///
/// Each call is its own level: nested calls never mix their perturbations.
public func jvp(
    at inputs: [Tensor], tangents: [Tensor], of f: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, tangent: Tensor) {
    precondition(inputs.count == tangents.count, "jvp: \(inputs.count) inputs but \(tangents.count) tangents")
    for (input, tangent) in zip(inputs, tangents) {
        precondition(input.shape == tangent.shape,
                     "jvp: the tangent has shape \(tangent.shape) but the input has shape \(input.shape)")
    }
    let level = ForwardLevel()
    let perturbed = zip(inputs, tangents).map { input, tangent in
        let copy = input.aliased()
        copy.tangents.append(ForwardTangent(level: level, value: tangent))
        return copy
    }
    let value = try DifferentiationContext.with({ $0.forwardLevels.append(level) }) { try f(perturbed) }
    let tangent = value.tangent(at: level) ?? value.filled(with: 0)
    value.removeTangent(at: level)
    return (value, tangent)
}

/// The value of `f` at `x` and its directional derivative along `tangent` (J·v).
///
///     jvp(at: x, tangent: v) { x in sin(x) }   // (sin x, cos x · v)
public func jvp(
    at x: Tensor, tangent: Tensor, of f: (Tensor) throws -> Tensor
) rethrows -> (value: Tensor, tangent: Tensor) {
    try jvp(at: [x], tangents: [tangent]) { try f($0[0]) }
}
