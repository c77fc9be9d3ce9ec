import Autograd

/// Batch normalisation over the channel axis 1 of `[N, C]`, `[N, C, L]` or `[N, C, H, W]`
/// batches, PyTorch's `nn.BatchNorm1d`/`nn.BatchNorm2d` (one type; any rank from 2 up).
///
/// In training, each channel is standardised with the batch's mean and biased variance over
/// every axis but 1 (see `batchNorm(_:weight:bias:eps:)`), and the running statistics move
/// towards the batch's, the variance's with the unbiased (n − 1) estimate:
///
///     running_mean ← (1 − m)·running_mean + m·μ
///     running_var  ← (1 − m)·running_var  + m·σ²·n/(n − 1)
///
/// In evaluation the running statistics standardise instead. `weight` (γ, ones) and `bias`
/// (β, zeros) are trained; `running_mean`, `running_var` and `num_batches_tracked` are buffers,
/// saved and loaded by `Checkpoint` under PyTorch's `state_dict()` names.
public final class BatchNorm: Layer {
    /// The number of channels, C.
    public let featureCount: Int
    /// The constant added to the variance before the square root.
    public let eps: Double
    /// The weight of the batch's statistics in the running ones, or `nil` for a cumulative
    /// average over every batch seen (PyTorch's `momentum=None`).
    public let momentum: Double?
    /// The per-channel scale γ, `[C]`, or `nil` without an affine step.
    public let weight: Tensor?
    /// The per-channel shift β, `[C]`, or `nil` without an affine step.
    public let bias: Tensor?
    /// The running mean of each channel, `[C]`, starting at 0.
    public let runningMean: Tensor
    /// The running (unbiased) variance of each channel, `[C]`, starting at 1.
    public let runningVariance: Tensor
    /// The number of training batches seen, a scalar (an integer in PyTorch).
    public let batchesTracked: Tensor
    /// Whether the layer normalises with the batch's statistics and updates the running ones
    /// (training) or normalises with the running ones (evaluation).
    public var isTraining = true

    /// A layer for `featureCount` channels with PyTorch's defaults, its tensors in `dtype`.
    public init(featureCount: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true, dtype: DType = .float64) {
        check(featureCount > 0, "BatchNorm: featureCount must be positive, got \(featureCount)")
        check(eps >= 0 && momentum.map { (0...1).contains($0) } ?? true,
              "BatchNorm: eps must be non-negative and momentum in [0, 1], got eps \(eps), momentum \(String(describing: momentum))")
        self.featureCount = featureCount
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Tensor.ones([featureCount], dtype: dtype).requiringGradient() : nil
        bias = affine ? Tensor.zeros([featureCount], dtype: dtype).requiringGradient() : nil
        runningMean = Tensor.zeros([featureCount], dtype: dtype)
        runningVariance = Tensor.ones([featureCount], dtype: dtype)
        batchesTracked = Tensor(0, dtype: dtype)
    }

    /// The batch normalised per channel (see the type's description).
    ///
    /// Traps when the input is not `[N, featureCount, …]`, or in training when a channel has a
    /// single value (its variance is undefined).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check(input.rank >= 2 && input.shape[1] == featureCount,
              "BatchNorm: expects input of shape [batch, \(featureCount), ...], got \(input.shape)")
        let shape = channelShape(of: input)
        let (weight, bias) = (weight?.reshaped(to: shape), bias?.reshaped(to: shape))
        guard isTraining else {
            return normalized(
                input, mean: runningMean.reshaped(to: shape), variance: runningVariance.reshaped(to: shape),
                weight: weight, bias: bias, eps: eps)
        }
        let count = input.scalarCount / featureCount
        check(count > 1, "BatchNorm: expected more than 1 value per channel when training, got input of shape \(input.shape)")
        let (mean, variance) = meanAndVariance(input, alongAxes: [0] + Array(2..<input.rank))
        updateRunningStatistics(mean: mean, variance: variance, count: count)
        return normalized(input, mean: mean, variance: variance, weight: weight, bias: bias, eps: eps)
    }

    /// Moves the running statistics towards the batch's `mean` and biased `variance`
    /// (over `count` values per channel), outside any graph.
    private func updateRunningStatistics(mean: Tensor, variance: Tensor, count: Int) {
        withoutGradients {
            batchesTracked.assign(batchesTracked + 1)
            let factor = momentum ?? 1 / batchesTracked.scalar
            let dtype = runningMean.dtype
            let batchMean = mean.detached().converted(to: dtype).reshaped(to: [featureCount])
            let unbiased = variance.detached().converted(to: dtype).reshaped(to: [featureCount]) * (Double(count) / Double(count - 1))
            runningMean.assign(runningMean * (1 - factor) + batchMean * factor)
            runningVariance.assign(runningVariance * (1 - factor) + unbiased * factor)
        }
    }

    /// `weight`, then `bias`, when affine.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        (weight.map { [("weight", $0)] } ?? []) + (bias.map { [("bias", $0)] } ?? [])
    }

    /// `running_mean`, `running_var` and `num_batches_tracked`, as PyTorch names them.
    public var namedBuffers: [(name: String, tensor: Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVariance), ("num_batches_tracked", batchesTracked)]
    }
}
