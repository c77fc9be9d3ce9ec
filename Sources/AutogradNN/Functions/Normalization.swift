import Autograd

// Batch and layer normalisation as compositions of means, products and a square root, so
// their derivatives (to any order) come from those ops' rules.

/// The mean and the biased variance (the mean of squared deviations) of `x` over `axes`,
/// each keeping the reduced axes with size 1.
///
///     μ = mean_axes x      σ² = mean_axes (x − μ)²
func meanAndVariance(_ x: Tensor, alongAxes axes: [Int]) -> (mean: Tensor, variance: Tensor) {
    (x.mean(alongAxes: axes, keepingDims: true), x.variance(alongAxes: axes, correction: 0, keepingDims: true))
}

/// `x` standardised with `mean` and `variance`, then scaled by `weight` and shifted by `bias`
/// (each broadcast against `x`; `nil` skips the step).
///
///     y = (x − μ)/√(σ² + ε) · γ + β
func normalized(_ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Double) -> Tensor {
    let standardized = (x - mean) / sqrt(variance + eps)
    let scaled = weight.map { standardized * $0 } ?? standardized
    return bias.map { scaled + $0 } ?? scaled
}

/// The shape `[1, C, 1, …]` a per-channel vector takes to broadcast against `x` of shape
/// `[N, C, …]`.
func channelShape(of x: Tensor) -> [Int] {
    [1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2)
}

/// Batch normalisation with the batch's own statistics, PyTorch's
/// `F.batch_norm(x, None, None, weight, bias, training=True, eps=eps)`: every channel (axis 1
/// of `[N, C, …]`) is standardised over the batch and spatial axes with the biased variance,
/// then scaled by `weight[c]` and shifted by `bias[c]` (each `[C]`, or `nil`).
///
///     y = (x − μ_c)/√(σ²_c + ε) · γ_c + β_c,   μ_c, σ²_c over every axis but 1
///
/// Traps when `x` has fewer than two axes or `weight`/`bias` are not `[C]`.
public func batchNorm(_ x: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
    check(x.rank >= 2, "batchNorm: expects an input of shape [batch, channels, ...], got \(x.shape)")
    for (name, tensor) in [("weight", weight), ("bias", bias)] {
        check(tensor.map { $0.shape == [x.shape[1]] } ?? true,
              "batchNorm: \(name) of shape \(tensor?.shape ?? []) does not match the \(x.shape[1]) channels of input \(x.shape)")
    }
    let (mean, variance) = meanAndVariance(x, alongAxes: [0] + Array(2..<x.rank))
    let shape = channelShape(of: x)
    return normalized(x, mean: mean, variance: variance, weight: weight?.reshaped(to: shape), bias: bias?.reshaped(to: shape), eps: eps)
}

/// Layer normalisation, PyTorch's `F.layer_norm(x, normalizedShape, weight, bias, eps)`: each
/// slice over the trailing axes `normalizedShape` is standardised with its biased variance,
/// then scaled elementwise by `weight` and shifted by `bias` (each of `normalizedShape`, or `nil`).
///
///     y = (x − μ)/√(σ² + ε) ⊙ γ + β,   μ, σ² over the trailing axes
///
/// Traps when `x`'s shape does not end with `normalizedShape`, or `weight`/`bias` do not have it.
public func layerNorm(
    _ x: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
) -> Tensor {
    check(!normalizedShape.isEmpty && x.shape.count >= normalizedShape.count
          && Array(x.shape.suffix(normalizedShape.count)) == normalizedShape,
          "layerNorm: input of shape \(x.shape) does not end with the normalized shape \(normalizedShape)")
    for (name, tensor) in [("weight", weight), ("bias", bias)] {
        check(tensor.map { $0.shape == normalizedShape } ?? true,
              "layerNorm: \(name) of shape \(tensor?.shape ?? []) does not match the normalized shape \(normalizedShape)")
    }
    let (mean, variance) = meanAndVariance(x, alongAxes: Array(x.rank - normalizedShape.count..<x.rank))
    return normalized(x, mean: mean, variance: variance, weight: weight, bias: bias, eps: eps)
}
