// True forward mode: one pass that carries tangents beside values, no backward pass and
// no Jacobian.

/// The values of `f` at `inputs` and their directional derivatives along `tangents`, from a
/// single forward pass in a new level, so nested calls never mix their perturbations.
func jvpOfOutputs(
    at inputs: [Tensor], tangents: [Tensor], operation: String = "jvp", of f: ([Tensor]) throws -> [Tensor]
) rethrows -> (values: [Tensor], tangents: [Tensor]) {
    check(inputs.count == tangents.count, "\(operation): \(inputs.count) inputs but \(tangents.count) tangents")
    for (input, tangent) in zip(inputs, tangents) {
        check(input.shape == tangent.shape,
                     "\(operation): the tangent has shape \(tangent.shape) but the input has shape \(input.shape)")
    }
    let level = ForwardLevel()
    let perturbed = zip(inputs, tangents).map { input, tangent in
        let copy = input.aliased()
        level.setTangent(tangent.converted(to: copy.dtype), of: copy)
        return copy
    }
    let values = try DifferentiationContext.with({ $0.forwardLevels.append(level) }) { try f(perturbed) }
    return (values, values.map { level.tangent(of: $0) ?? $0.filled(with: 0) })
}

/// The value of `f` at `inputs` and its directional derivative along `tangents`
/// (the Jacobian-vector product J·v), from a single forward pass.
///
/// Each call is its own level: nested calls never mix their perturbations.
public func jvp(
    at inputs: [Tensor], tangents: [Tensor], of f: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, tangent: Tensor) {
    let result = try jvpOfOutputs(at: inputs, tangents: tangents) { [try f($0)] }
    return (result.values[0], result.tangents[0])
}

/// The value of `f` at `x` and its directional derivative along `tangent` (J·v).
///
///     jvp(at: x, tangent: v) { x in sin(x) }   // (sin x, cos x · v)
public func jvp(
    at x: Tensor, tangent: Tensor, of f: (Tensor) throws -> Tensor
) rethrows -> (value: Tensor, tangent: Tensor) {
    try jvp(at: [x], tangents: [tangent]) { try f($0[0]) }
}
