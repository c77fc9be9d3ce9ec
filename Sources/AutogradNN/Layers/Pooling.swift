import Autograd

/// Max pooling over `[N, C, H, W]` batches, PyTorch's `nn.MaxPool2d`; see
/// `maxPool2d(_:kernelSize:stride:padding:dilation:)` (tied maxima share the derivative).
public final class MaxPool2D: Layer {
    /// The window's size, (rows, columns).
    public let kernelSize: (Int, Int)
    /// The step between windows (the kernel size by default).
    public let stride: (Int, Int)
    /// The −∞ rows and columns added at each edge.
    public let padding: (Int, Int)
    /// The step between a window's taps.
    public let dilation: (Int, Int)
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer taking the maximum of each `kernelSize` window.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1)) {
        (self.kernelSize, self.stride, self.padding, self.dilation) = (kernelSize, stride ?? kernelSize, padding, dilation)
    }

    /// A layer taking the maximum of each square window.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
                  dilation: (dilation, dilation))
    }

    /// The maximum of each window of `input`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation)
    }

    /// None: pooling has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}

/// Average pooling over `[N, C, H, W]` batches, PyTorch's `nn.AvgPool2d`; see
/// `avgPool2d(_:kernelSize:stride:padding:countIncludePad:)`.
public final class AvgPool2D: Layer {
    /// The window's size, (rows, columns).
    public let kernelSize: (Int, Int)
    /// The step between windows (the kernel size by default).
    public let stride: (Int, Int)
    /// The zero rows and columns added at each edge.
    public let padding: (Int, Int)
    /// Whether the padding counts in each window's divisor.
    public let countIncludePad: Bool
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer averaging each `kernelSize` window.
    public init(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), countIncludePad: Bool = true) {
        (self.kernelSize, self.stride, self.padding, self.countIncludePad) = (kernelSize, stride ?? kernelSize, padding, countIncludePad)
    }

    /// A layer averaging each square window.
    public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, countIncludePad: Bool = true) {
        self.init(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
                  countIncludePad: countIncludePad)
    }

    /// The mean of each window of `input`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, countIncludePad: countIncludePad)
    }

    /// None: pooling has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}

/// Adaptive average pooling of `[N, C, H, W]` batches to a fixed `outputSize`, PyTorch's
/// `nn.AdaptiveAvgPool2d`; see `adaptiveAvgPool2d(_:outputSize:)`.
public final class AdaptiveAvgPool2D: Layer {
    /// The size of each output plane, (rows, columns).
    public let outputSize: (Int, Int)
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer pooling every plane to `outputSize`.
    public init(outputSize: (Int, Int)) {
        self.outputSize = outputSize
    }

    /// A layer pooling every plane to `outputSize`×`outputSize` (1 for global average pooling).
    public convenience init(outputSize: Int) {
        self.init(outputSize: (outputSize, outputSize))
    }

    /// The means of `input`'s adaptive windows.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        adaptiveAvgPool2d(input, outputSize: outputSize)
    }

    /// None: pooling has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}
