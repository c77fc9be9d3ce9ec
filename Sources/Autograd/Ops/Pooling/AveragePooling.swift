// Average pooling, fixed and adaptive. A window is a rectangle of rows × columns, so its mean is
// separable: y = Mₕ·x·M_wᵀ for each plane, with constant averaging matrices. Two matrix products
// (and the permutes between them) carry every derivative, to any order.

extension Tensor {
    /// Each `[H, W]` plane of this `[N, C, H, W]` tensor replaced by `rows·plane·columnsᵀ`,
    /// where `rows` is `[H', H]` and `columns` is `[W', W]`, row-major.
    ///
    ///     y = R·x·Cᵀ      x̄ = Rᵀ·ȳ·C      ẏ = R·ẋ·Cᵀ
    fileprivate func averagedSeparably(rows: [Double], columns: [Double]) -> Tensor {
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        let (outputHeight, outputWidth) = (rows.count / Swift.max(height, 1), columns.count / Swift.max(width, 1))
        let rowMatrix = Tensor(shape: [outputHeight, height], scalars: rows).converted(to: dtype)
        let columnMatrix = Tensor(shape: [outputWidth, width], scalars: columns).converted(to: dtype)
        let planes = batch * channels
        let alongColumns = matrixProduct(reshaped(to: [planes * height, width]), columnMatrix, transposingB: true)
        let heightLast = alongColumns.reshaped(to: [planes, height, outputWidth]).permuted(0, 2, 1)
        let alongRows = matrixProduct(heightLast.reshaped(to: [planes * outputWidth, height]), rowMatrix, transposingB: true)
        return alongRows.reshaped(to: [batch, channels, outputWidth, outputHeight]).permuted(0, 1, 3, 2)
    }
}

/// The mean over each `kernelSize` window of an `[N, C, H, W]` (or `[C, H, W]`) input,
/// PyTorch's `F.avg_pool2d` (with `ceil_mode=False`): windows start every `stride` (default:
/// the kernel size) and `padding` adds zeros at each edge, which count in the divisor when
/// `countIncludePad` (PyTorch's default) and not otherwise.
///
///     y[n, c, i, j] = (1/D) Σ_{a, b} x[n, c, i·s₀ − p₀ + a, j·s₁ − p₁ + b]
///     D = k₀·k₁, or the number of taps inside the input when not countIncludePad
///     x̄ = Mₕᵀ·ȳ·M_w,  ẏ = Mₕ·ẋ·M_wᵀ   (M: the constant averaging matrices of each axis)
///
/// Traps when the input is not rank 3 or 4, a size is not positive, the padding exceeds half
/// the kernel, or the kernel does not fit the padded input.
public func avgPool2d(
    _ x: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
    countIncludePad: Bool = true
) -> Tensor {
    let (height, width) = poolingAxes(
        "avgPool2d", shape: x.shape, kernelSize: kernelSize, stride: stride, padding: padding, dilation: (1, 1))
    return x.withBatchAxis {
        $0.averagedSeparably(
            rows: height.averagingMatrix(countingPadding: countIncludePad),
            columns: width.averagingMatrix(countingPadding: countIncludePad))
    }
}

/// Average pooling with a square kernel; see `avgPool2d(_:kernelSize:stride:padding:countIncludePad:)`.
public func avgPool2d(
    _ x: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, countIncludePad: Bool = true
) -> Tensor {
    avgPool2d(x, kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
              countIncludePad: countIncludePad)
}

/// The mean over windows chosen so the output is `outputSize`, PyTorch's
/// `F.adaptive_avg_pool2d`: along an axis of size n pooled to m, window i covers
/// ⌊i·n/m⌋ ..< ⌈(i + 1)·n/m⌉ (windows may overlap and differ in size by one).
///
///     y[n, c, i, j] = mean of x[n, c, rows(i), columns(j)]
///     x̄ = Mₕᵀ·ȳ·M_w,  ẏ = Mₕ·ẋ·M_wᵀ   (M: the constant averaging matrices of each axis)
///
/// Traps when the input is not rank 3 or 4, or an output size is not positive, or an input
/// plane is empty.
public func adaptiveAvgPool2d(_ x: Tensor, outputSize: (Int, Int)) -> Tensor {
    check(x.rank == 3 || x.rank == 4,
          "adaptiveAvgPool2d: expects an input of shape [batch, channels, height, width] or [channels, height, width], got \(x.shape)")
    let (height, width) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
    check(outputSize.0 > 0 && outputSize.1 > 0 && height > 0 && width > 0,
          "adaptiveAvgPool2d: output size \(outputSize) and the input's planes (shape \(x.shape)) must be non-empty")
    return x.withBatchAxis {
        $0.averagedSeparably(
            rows: adaptiveAveragingMatrix(inputSize: height, outputSize: outputSize.0),
            columns: adaptiveAveragingMatrix(inputSize: width, outputSize: outputSize.1))
    }
}

/// Adaptive average pooling to a square output; see `adaptiveAvgPool2d(_:outputSize:)`.
public func adaptiveAvgPool2d(_ x: Tensor, outputSize: Int) -> Tensor {
    adaptiveAvgPool2d(x, outputSize: (outputSize, outputSize))
}

/// The `[outputSize, inputSize]` matrix whose row i averages PyTorch's adaptive window
/// ⌊i·n/m⌋ ..< ⌈(i + 1)·n/m⌉.
private func adaptiveAveragingMatrix(inputSize: Int, outputSize: Int) -> [Double] {
    var matrix = [Double](repeating: 0, count: outputSize * inputSize)
    for window in 0..<outputSize {
        let start = window * inputSize / outputSize
        let end = ((window + 1) * inputSize + outputSize - 1) / outputSize
        for position in start..<end { matrix[window * inputSize + position] = 1 / Double(end - start) }
    }
    return matrix
}
