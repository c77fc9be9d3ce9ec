import Autograd

/// A 1-D convolution layer over NCW batches, `y = conv1d(x, W) + b`, with PyTorch's `nn.Conv1d`
/// layout and initialisation: `weight` is `[outputChannels, inputChannels/groups, k]`, `bias` is
/// `[outputChannels]`, both drawn from U(−1/√fanIn, 1/√fanIn) with fanIn = inputChannels/groups·k.
/// See `conv1d` for stride, padding, dilation and groups.
public final class Conv1D: Layer {
    /// The filters, `[outputChannels, inputChannels/groups, k]`.
    public let weight: Tensor
    /// The bias, `[outputChannels]`, or `nil` for a layer without bias.
    public let bias: Tensor?
    /// The step between windows.
    public let stride: Int
    /// The zeros added on each side.
    public let padding: Int
    /// The step between a window's taps.
    public let dilation: Int
    /// The number of channel groups, each convolved with its own filters.
    public let groups: Int
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer from `inputChannels` to `outputChannels` with a kernel of `kernelSize` taps,
    /// parameters drawn with `seed` in `dtype`.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, hasBias: Bool = true, seed: UInt64, dtype: DType = .float64
    ) {
        check(inputChannels > 0 && outputChannels > 0 && kernelSize > 0 && groups > 0
              && inputChannels % groups == 0 && outputChannels % groups == 0, """
            Conv1D: channels and kernel size must be positive and the channels divisible by groups, got \
            inputChannels \(inputChannels), outputChannels \(outputChannels), kernelSize \(kernelSize), groups \(groups)
            """)
        (weight, bias) = convolutionParameters(
            [outputChannels, inputChannels / groups, kernelSize], hasBias: hasBias, seed: seed, dtype: dtype)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
    }

    /// The number of input channels.
    public var inputChannels: Int { weight.shape[1] * groups }
    /// The number of output channels.
    public var outputChannels: Int { weight.shape[0] }

    /// The convolution of a batch `[N, inputChannels, L]`, giving `[N, outputChannels, outL]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check(input.rank == 3 && input.shape[1] == inputChannels,
              "Conv1D: expects input of shape [batch, \(inputChannels), length], got \(input.shape)")
        return conv1d(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                      groups: groups)
    }

    /// `weight`, then `bias` when present.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
