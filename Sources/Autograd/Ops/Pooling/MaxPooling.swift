// Max pooling, a composition: the windows are gathered into a trailing axis (padding reads a
// −∞ appended to the input) and reduced with `max(alongAxes:)`, whose rules then give every
// derivative, to any order.

/// The maximum over each `kernelSize` window of an `[N, C, H, W]` (or `[C, H, W]`) input,
/// PyTorch's `F.max_pool2d` (with `ceil_mode=False`): windows start every `stride` (default:
/// the kernel size), their taps are `dilation` apart, and `padding` adds −∞ at each edge.
///
///     y[n, c, i, j] = max_{a, b} x[n, c, i·s₀ − p₀ + a·d₀, j·s₁ − p₁ + b·d₁]
///     x̄ = Σ over windows of ȳ shared equally among the window's maximal taps
///     ẏ = the mean of ẋ over the window's maximal taps
///
/// Ties share the derivative equally, as `max(alongAxes:)` does (JAX's convention), where
/// PyTorch gives all of it to the first maximal tap; values agree, and a NaN wins as in PyTorch.
///
/// Traps when the input is not rank 3 or 4, a size is not positive, the padding exceeds half
/// the kernel, or the dilated kernel does not fit the padded input.
///
/// - Complexity: O(N·C·H'·W'·k₀·k₁) time and memory for an H'×W' output.
public func maxPool2d(
    _ x: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
    dilation: (Int, Int) = (1, 1)
) -> Tensor {
    let (height, width) = poolingAxes(
        "maxPool2d", shape: x.shape, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation)
    return x.withBatchAxis { x in
        let (batch, channels) = (x.shape[0], x.shape[1])
        let count = x.scalarCount
        let offsets = Kernels.windowOffsets(
            planeCount: batch * channels, height: height.inputSize, width: width.inputSize,
            rowTaps: height.taps, rowTapCount: height.kernelSize, columnTaps: width.taps, columnTapCount: width.kernelSize,
            outside: count)
        let flat = x.reshaped(to: [count])
        let source = offsets.contains(count)
            ? concatenate([flat, Tensor.full([1], value: -.infinity, dtype: x.dtype)]) : flat
        let windows = source.gathering(
            offsets: offsets,
            shape: [batch, channels, height.outputSize, width.outputSize, height.kernelSize * width.kernelSize])
        return windows.max(alongAxes: -1)
    }
}

/// Max pooling with a square kernel; see `maxPool2d(_:kernelSize:stride:padding:dilation:)`.
public func maxPool2d(_ x: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1) -> Tensor {
    maxPool2d(x, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
              dilation: (dilation, dilation))
}
