import Autograd

/// The cheap-gradient figures for an MLP 784→256→256→10 (batch 128, tanh, squared-error
/// loss) with respect to all 269,322 parameters: value+gradient over value, and the
/// Hessian-vector product (forward-over-reverse) over value+gradient.
func benchmarkHigherOrder() {
    let widths = [784, 256, 256, 10]
    var parameters: [Tensor] = []
    for (layer, (fanIn, fanOut)) in zip(widths, widths.dropFirst()).enumerated() {
        parameters.append(Tensor.randomNormal([fanIn, fanOut], standardDeviation: 1 / Double(fanIn).squareRoot(), seed: UInt64(10 + layer)))
        parameters.append(Tensor.zeros([fanOut]))
    }
    let inputs = Tensor.randomNormal([128, 784], seed: 20)
    let targets = Tensor.randomNormal([128, 10], seed: 21)
    func loss(_ parameters: [Tensor]) -> Tensor {
        var activations = inputs
        for layer in 0..<3 {
            activations = matmul(activations, parameters[2 * layer]) + parameters[2 * layer + 1]
            if layer < 2 { activations = tanh(activations) }
        }
        return square(activations - targets).mean()
    }
    let directions = parameters.enumerated().map { Tensor.randomNormal($0.element.shape, seed: 30 + UInt64($0.offset)) }
    let valueSeconds = medianSeconds(repetitions: 10) { _ = withoutGradients { loss(parameters) } }
    let gradientSeconds = medianSeconds(repetitions: 10) { _ = valueWithGradient(at: parameters, of: loss) }
    let hvpSeconds = medianSeconds(repetitions: 10) { _ = hessianVectorProduct(at: parameters, along: directions, of: loss) }
    emit([
        "benchmark": "mlp-cheap-gradient", "framework": "swift-autograd", "parameters": parameters.reduce(0) { $0 + $1.scalarCount },
        "valueSeconds": valueSeconds, "valueAndGradientSeconds": gradientSeconds, "hvpSeconds": hvpSeconds,
        "gradientOverValue": gradientSeconds / valueSeconds, "hvpOverGradient": hvpSeconds / gradientSeconds,
    ])
}
