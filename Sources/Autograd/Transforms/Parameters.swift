// Zygote's `gradient(() -> loss, Params(...))`: gradients with respect to tensors a closure
// captures, rather than its arguments.

/// The value of `f` and its gradient with respect to each of `parameters`, tensors that `f`
/// captures, in the same order: each the total derivative, whatever else is listed.
/// Users' `grad` fields and graphs are left alone.
///
///     let (loss, grads) = valueWithGradient(withRespectTo: [w, b]) { (matmul(x, w) + b).sum() }
public func valueWithGradient(
    withRespectTo parameters: [Tensor], of f: () throws -> Tensor
) rethrows -> (value: Tensor, gradient: [Tensor]) {
    let recording = backwardRecording(inputsRequireGradients: false)
    let unmarked = parameters.filter { !$0.requiresGrad }
    for parameter in unmarked { parameter.isGradientLeaf = true }
    defer { for parameter in unmarked { parameter.isGradientLeaf = false } }
    let value = try DifferentiationContext.with({ $0.isRecording = true; $0.reverseDepth += 1 }, f)
    check(value.scalarCount == 1,
                 "gradient(withRespectTo:): the function returned shape \(value.shape); it needs a scalar function")
    guard value.requiresGrad else { return (value, parameters.map { $0.filled(with: 0) }) }
    let gradients = Backpropagation.run(
        from: value, seed: value.filled(with: 1), targets: parameters, stoppingAtTargets: false,
        recording: recording, retainGraph: true)
    return (value, gradients)
}

/// The gradient of `f` with respect to each of `parameters`, tensors that `f` captures.
public func gradient(withRespectTo parameters: [Tensor], of f: () throws -> Tensor) rethrows -> [Tensor] {
    try valueWithGradient(withRespectTo: parameters, of: f).gradient
}
