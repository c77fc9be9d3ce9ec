// Zygote's `gradient(() -> loss, Params(...))`: gradients with respect to tensors a closure
// captures, rather than its arguments.

/// The value of `f` and its gradient with respect to each of `parameters`, tensors that `f`
/// captures, in the same order: each the total derivative, whatever else is listed.
/// The parameters are not marked or changed in any way (their `grad`, flags and graphs are
/// left alone), so threads may differentiate with respect to shared tensors concurrently.
/// The parameters are tracked in the calling task (or thread): work that `f` hands to another
/// thread is differentiated only for parameters that require gradients.
///
/// The value and the gradients keep their graphs when something could differentiate them
/// (a parameter or another tensor that requires gradients, an enclosing transform);
/// otherwise the value is returned detached, so that keeping it does not keep the forward
/// graph alive.
///
///     let (loss, grads) = valueWithGradient(withRespectTo: [w, b]) { (matmul(x, w) + b).sum() }
public func valueWithGradient(
    withRespectTo parameters: [Tensor], of f: () throws -> Tensor
) rethrows -> (value: Tensor, gradient: [Tensor]) {
    let value = try DifferentiationContext.with({ context in
        context.isRecording = true
        context.differentiatedTensors.formUnion(parameters.map(ObjectIdentifier.init))
    }, f)
    check(value.scalarCount == 1,
          "gradient(withRespectTo:): the function returned shape \(value.shape); it needs a scalar function")
    let (gradients, isRecorded) = Backpropagation.cotangents(of: parameters, from: value, seed: value.filled(with: 1))
    let couldBeDifferentiated = isRecorded || !DifferentiationContext.current.forwardLevels.isEmpty
    return (couldBeDifferentiated ? value : value.detached(), gradients)
}

/// The gradient of `f` with respect to each of `parameters`, tensors that `f` captures.
public func gradient(withRespectTo parameters: [Tensor], of f: () throws -> Tensor) rethrows -> [Tensor] {
    try valueWithGradient(withRespectTo: parameters, of: f).gradient
}
