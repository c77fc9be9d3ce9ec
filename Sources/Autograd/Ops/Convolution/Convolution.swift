// Convolutions as compositions: the input's windows unfolded into columns (im2col), one
// matrix product per group with the weight, the bias added, and the result folded to NCHW.
// The rules are those of the parts: x̄ = col2im(Wᵀ·ȳ), W̄ = ȳ·colsᵀ, b̄ = Σ ȳ.

// MARK: - conv2d

/// The 2-D cross-correlation of an NCHW batch with a bank of filters, as PyTorch's `F.conv2d`:
/// `input` is `[N, C, H, W]`, `weight` is `[O, C/groups, kh, kw]`, `bias` is `[O]`, and the
/// result is `[N, O, outH, outW]` with outH = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1.
/// The channels split into `groups` equal groups, each convolved with its own O/groups filters.
/// This form takes (height, width) pairs and needs `stride`; the form with `Int`s uses one value
/// for both axes.
///
///     y[n, o, p, q] = b[o] + Σ_{c, i, j} w[o, c, i, j] · x[n, g·C/groups + c, p·s + i·d − pad, q·s + j·d − pad]
///     x̄ = col2im(Wᵀ·ȳ),   W̄ = ȳ·im2col(x)ᵀ,   b̄ = Σ_{n, p, q} ȳ,   ẏ = conv(ẋ, W) + conv(x, Ẇ) + ḃ
///
/// Values outside the input are zero. Traps when a shape is wrong (ranks, channels not
/// divisible by `groups`, a kernel larger than the padded input) or a stride, dilation or
/// padding is out of range.
///
/// - Complexity: O(N·O·(C/groups)·kh·kw·outH·outW), one GEMM per group on BLAS.
public func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int), padding: (Int, Int) = (0, 0),
    dilation: (Int, Int) = (1, 1), groups: Int = 1
) -> Tensor {
    let shapes = "input \(input.shape), weight \(weight.shape)" + (bias.map { ", bias \($0.shape)" } ?? "")
    check(input.rank == 4 && weight.rank == 4, "conv2d: needs input [N, C, H, W] and weight [O, C/groups, kh, kw], got \(shapes)")
    check(groups >= 1, "conv2d: groups must be positive, got \(groups)")
    let (channels, filters) = (input.shape[1], weight.shape[0])
    check(channels % groups == 0 && filters % groups == 0 && weight.shape[1] * groups == channels, """
        conv2d: channels (\(channels)) and filters (\(filters)) must be divisible by groups (\(groups)), and the \
        weight's second size must be channels / groups, got \(shapes)
        """)
    check(bias.map { $0.shape == [filters] } ?? true, "conv2d: bias must have shape [\(filters)], got \(shapes)")
    check(stride.0 > 0 && stride.1 > 0 && dilation.0 > 0 && dilation.1 > 0 && padding.0 >= 0 && padding.1 >= 0, """
        conv2d: stride and dilation must be positive and padding non-negative, got stride \(stride), \
        padding \(padding), dilation \(dilation)
        """)
    check(input.shape[2] > 0 && input.shape[3] > 0 && weight.shape[2] > 0 && weight.shape[3] > 0,
          "conv2d: the input's planes and the kernel must be non-empty, got \(shapes)")
    let geometry = WindowGeometry(
        batch: input.shape[0], channels: channels, height: input.shape[2], width: input.shape[3],
        kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
        stride: stride, padding: padding, dilation: dilation)
    let span = (dilation.0 * (weight.shape[2] - 1) + 1, dilation.1 * (weight.shape[3] - 1) + 1)
    let padded = (input.shape[2] + 2 * padding.0, input.shape[3] + 2 * padding.1)
    check(span.0 <= padded.0 && span.1 <= padded.1, """
        conv2d: the kernel spans \(span.0)×\(span.1) but the padded input is \(padded.0)×\(padded.1), got \(shapes), \
        padding \(padding), dilation \(dilation)
        """)
    // The im2col buffer, [C·kh·kw, N·outH·outW], is what large padding makes absurd.
    _ = elementCount(
        ofShape: [channels * weight.shape[2] * weight.shape[3], geometry.batch, geometry.outputHeight, geometry.outputWidth],
        operation: "conv2d", allocating: input.dtype)
    let columns = input.imageToColumns(geometry)
    let product = groupedProduct(weight.reshaped(to: [filters, -1]), columns, groups: groups)
    let biased = bias.map { product + $0.reshaped(to: [filters, 1]) } ?? product
    return biased.reshaped(to: [filters, geometry.batch, geometry.outputHeight, geometry.outputWidth])
        .permuted(1, 0, 2, 3)
}

/// The 2-D convolution with the same stride, padding and dilation along both axes; see
/// `conv2d(_:weight:bias:stride:padding:dilation:groups:)`.
public func conv2d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
    groups: Int = 1
) -> Tensor {
    conv2d(input, weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding),
           dilation: (dilation, dilation), groups: groups)
}

/// W·cols for one group, or, with several, each group's rows of W times its rows of cols,
/// stacked: `[O, K]` and `[K, M]` (K = groups·K/groups) give `[O, M]`.
private func groupedProduct(_ weight: Tensor, _ columns: Tensor, groups: Int) -> Tensor {
    guard groups > 1 else { return matmul(weight, columns) }
    let (filtersPerGroup, rowsPerGroup) = (weight.shape[0] / groups, columns.shape[0] / groups)
    let products = (0..<groups).map { group in
        matmul(
            weight.gathering(rows: Array(group * filtersPerGroup..<(group + 1) * filtersPerGroup)),
            columns.gathering(rows: Array(group * rowsPerGroup..<(group + 1) * rowsPerGroup)))
    }
    return concatenate(products, alongAxis: 0)
}

// MARK: - conv1d

/// The 1-D cross-correlation of an NCW batch with a bank of filters, as PyTorch's `F.conv1d`:
/// `input` is `[N, C, L]`, `weight` is `[O, C/groups, k]`, `bias` is `[O]`; the result is
/// `[N, O, outL]`. It is `conv2d` on images of height 1, so its rules are conv2d's.
///
///     y[n, o, p] = b[o] + Σ_{c, j} w[o, c, j] · x[n, g·C/groups + c, p·s + j·d − pad]
///
/// Traps as `conv2d` does, and when `input` or `weight` does not have three axes.
public func conv1d(
    _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
    groups: Int = 1
) -> Tensor {
    check(input.rank == 3 && weight.rank == 3,
          "conv1d: needs input [N, C, L] and weight [O, C/groups, k], got input \(input.shape), weight \(weight.shape)")
    let output = conv2d(
        input.reshaped(to: [input.shape[0], input.shape[1], 1, input.shape[2]]),
        weight: weight.reshaped(to: [weight.shape[0], weight.shape[1], 1, weight.shape[2]]), bias: bias,
        stride: (1, stride), padding: (0, padding), dilation: (1, dilation), groups: groups)
    return output.reshaped(to: [output.shape[0], output.shape[1], output.shape[3]])
}
