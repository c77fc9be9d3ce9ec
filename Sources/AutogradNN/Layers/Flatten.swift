import Autograd

/// Merges the axes `startAxis...endAxis` into one, PyTorch's `nn.Flatten` (by default every
/// axis but the batch's: `[N, C, H, W]` becomes `[N, C·H·W]`). Negative axes count from the end.
public final class Flatten: Layer {
    /// The first merged axis.
    public let startAxis: Int
    /// The last merged axis.
    public let endAxis: Int
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer merging the axes `startAxis...endAxis`.
    public init(startAxis: Int = 1, endAxis: Int = -1) {
        (self.startAxis, self.endAxis) = (startAxis, endAxis)
    }

    /// `input` with the axes merged.
    ///
    /// Traps when an axis is out of range for the input or `startAxis` comes after `endAxis`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let rank = Swift.max(input.rank, 1)
        let (start, end) = (startAxis < 0 ? startAxis + rank : startAxis, endAxis < 0 ? endAxis + rank : endAxis)
        check((0..<rank).contains(start) && (0..<rank).contains(end) && start <= end,
              "Flatten: axes \(startAxis)...\(endAxis) are not an ordered range of axes of input \(input.shape)")
        return input.flattened(startAxis: start, endAxis: end)
    }

    /// None: flattening has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}
