// The geometry shared by the pooling ops: checked window sizes along each spatial axis, the
// input position each tap reads, and the batch axis a 3-D input lacks.

/// One spatial axis of a pooling window, checked: PyTorch's sizes (`stride` defaults to the
/// kernel size; padding at most half the kernel).
///
///     outputSize = ⌊(inputSize + 2·padding − dilation·(kernelSize − 1) − 1) / stride⌋ + 1
struct PoolingAxis {
    /// The size of the input along the axis.
    let inputSize: Int
    /// The number of taps in a window.
    let kernelSize: Int
    /// The distance between the starts of consecutive windows.
    let stride: Int
    /// The virtual elements added at each end.
    let padding: Int
    /// The distance between consecutive taps.
    let dilation: Int

    /// The number of windows along the axis.
    var outputSize: Int { (inputSize + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1 }

    /// The input position of tap `j` of window `o` at `[o·kernelSize + j]`, or −1 in the padding.
    var taps: [Int] {
        (0..<outputSize).flatMap { window in
            (0..<kernelSize).map { tap in
                let position = window * stride - padding + tap * dilation
                return (0..<inputSize).contains(position) ? position : -1
            }
        }
    }

    /// The `[outputSize, inputSize]` matrix that averages each window: row `o` holds
    /// 1/divisor at the window's input positions, the divisor being the kernel size when
    /// `countingPadding`, else the number of taps inside the input.
    func averagingMatrix(countingPadding: Bool) -> [Double] {
        var matrix = [Double](repeating: 0, count: outputSize * inputSize)
        let taps = taps
        for window in 0..<outputSize {
            let inside = taps[window * kernelSize..<(window + 1) * kernelSize].filter { $0 >= 0 }
            let divisor = Double(countingPadding ? kernelSize : inside.count)
            for position in inside { matrix[window * inputSize + position] += 1 / divisor }
        }
        return matrix
    }
}

/// The two spatial axes of a 2-D pooling op on `shape` (`[N, C, H, W]` or `[C, H, W]`),
/// checked as PyTorch checks them (an empty plane included); traps naming `operation` and the
/// sizes otherwise.
func poolingAxes(
    _ operation: String, shape: [Int], kernelSize: (Int, Int), stride: (Int, Int)?, padding: (Int, Int),
    dilation: (Int, Int)
) -> (height: PoolingAxis, width: PoolingAxis) {
    check(shape.count == 3 || shape.count == 4,
          "\(operation): expects an input of shape [batch, channels, height, width] or [channels, height, width], got \(shape)")
    check(shape[shape.count - 2] > 0 && shape[shape.count - 1] > 0,
          "\(operation): the input's planes (shape \(shape)) must be non-empty")
    let stride = stride ?? kernelSize
    check(kernelSize.0 > 0 && kernelSize.1 > 0 && stride.0 > 0 && stride.1 > 0 && dilation.0 > 0 && dilation.1 > 0,
          "\(operation): kernel size \(kernelSize), stride \(stride) and dilation \(dilation) must be positive")
    check(padding.0 >= 0 && padding.1 >= 0 && padding.0 <= kernelSize.0 / 2 && padding.1 <= kernelSize.1 / 2,
          "\(operation): padding \(padding) must be between 0 and half the kernel size \(kernelSize)")
    let height = PoolingAxis(
        inputSize: shape[shape.count - 2], kernelSize: kernelSize.0, stride: stride.0, padding: padding.0, dilation: dilation.0)
    let width = PoolingAxis(
        inputSize: shape[shape.count - 1], kernelSize: kernelSize.1, stride: stride.1, padding: padding.1, dilation: dilation.1)
    check(height.inputSize + 2 * height.padding >= height.dilation * (height.kernelSize - 1) + 1
          && width.inputSize + 2 * width.padding >= width.dilation * (width.kernelSize - 1) + 1,
          "\(operation): a kernel \(kernelSize) with dilation \(dilation) and padding \(padding) does not fit an input of shape \(shape)")
    return (height, width)
}

extension Tensor {
    /// `body` applied to this tensor seen as `[N, C, H, W]`: a `[C, H, W]` input gets a batch
    /// axis of size 1 for the call, removed from the result.
    func withBatchAxis(_ body: (Tensor) -> Tensor) -> Tensor {
        guard rank == 3 else { return body(self) }
        let result = body(reshaped(to: [1] + shape))
        return result.reshaped(to: Array(result.shape.dropFirst()))
    }
}
