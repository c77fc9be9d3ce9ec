import Autograd

/// A 2-D convolution layer over NCHW batches, `y = conv2d(x, W) + b`, with PyTorch's `nn.Conv2d`
/// layout and initialisation, so its weights load as they are: `weight` is
/// `[outputChannels, inputChannels/groups, kh, kw]`, `bias` is `[outputChannels]`, both drawn from
/// U(−1/√fanIn, 1/√fanIn) with fanIn = inputChannels/groups·kh·kw (PyTorch's
/// `kaiming_uniform_(a=√5)` and its bias rule). See `conv2d` for stride, padding, dilation and groups.
public final class Conv2D: Layer {
    /// The filters, `[outputChannels, inputChannels/groups, kh, kw]`.
    public let weight: Tensor
    /// The bias, `[outputChannels]`, or `nil` for a layer without bias.
    public let bias: Tensor?
    /// The step between windows along the height and the width.
    public let stride: (Int, Int)
    /// The zeros added on each side of the height and of the width.
    public let padding: (Int, Int)
    /// The step between a window's taps along the height and the width.
    public let dilation: (Int, Int)
    /// The number of channel groups, each convolved with its own filters.
    public let groups: Int
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer from `inputChannels` to `outputChannels` with a `kernelSize` (height, width)
    /// kernel, parameters drawn with `seed` in `dtype`.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
        padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1, hasBias: Bool = true,
        seed: UInt64, dtype: DType = .float64
    ) {
        check(inputChannels > 0 && outputChannels > 0 && kernelSize.0 > 0 && kernelSize.1 > 0 && groups > 0
              && inputChannels % groups == 0 && outputChannels % groups == 0, """
            Conv2D: channels and kernel sizes must be positive and the channels divisible by groups, got \
            inputChannels \(inputChannels), outputChannels \(outputChannels), kernelSize \(kernelSize), groups \(groups)
            """)
        (weight, bias) = convolutionParameters(
            [outputChannels, inputChannels / groups, kernelSize.0, kernelSize.1], hasBias: hasBias, seed: seed,
            dtype: dtype)
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
    }

    /// A layer with a square `kernelSize` kernel and the same stride, padding and dilation
    /// along both axes.
    public convenience init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, hasBias: Bool = true, seed: UInt64, dtype: DType = .float64
    ) {
        self.init(
            inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: (kernelSize, kernelSize),
            stride: (stride, stride), padding: (padding, padding), dilation: (dilation, dilation), groups: groups,
            hasBias: hasBias, seed: seed, dtype: dtype)
    }

    /// The number of input channels.
    public var inputChannels: Int { weight.shape[1] * groups }
    /// The number of output channels.
    public var outputChannels: Int { weight.shape[0] }

    /// The convolution of a batch `[N, inputChannels, H, W]`, giving `[N, outputChannels, outH, outW]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check(input.rank == 4 && input.shape[1] == inputChannels,
              "Conv2D: expects input of shape [batch, \(inputChannels), height, width], got \(input.shape)")
        return conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                      groups: groups)
    }

    /// `weight`, then `bias` when present.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}

/// A convolution's weight of `shape` (`[out, in/groups, kernel…]`) and, when `hasBias`, its bias
/// `[out]`, both drawn from U(−1/√fanIn, 1/√fanIn), fanIn = the product of `shape` past the first
/// axis (PyTorch's default for `nn.Conv1d`/`nn.Conv2d`): the weight from `seed`, the bias from
/// `seed + 1`, in `dtype`, both requiring gradients.
func convolutionParameters(_ shape: [Int], hasBias: Bool, seed: UInt64, dtype: DType) -> (Tensor, Tensor?) {
    let bound = 1 / Double(shape.dropFirst().reduce(1, *)).squareRoot()
    let weight = Tensor.randomUniform(shape, in: -bound..<bound, seed: seed, dtype: dtype).requiringGradient()
    let bias = hasBias
        ? Tensor.randomUniform([shape[0]], in: -bound..<bound, seed: seed &+ 1, dtype: dtype).requiringGradient()
        : nil
    return (weight, bias)
}
