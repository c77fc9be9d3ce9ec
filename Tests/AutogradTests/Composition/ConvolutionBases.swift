// Base functions of the composition matrix through the convolution and pooling operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// A 3×3 depthwise kernel for three channels whose centre tap is 1 and whose other taps are 0.5:
/// on a 1×1 image padded by 1 only the centre tap meets a value, so the convolution is the identity.
private func centredKernel(_ dtype: DType) -> Tensor {
    let taps: [Double] = [0.5, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 0.5]
    return Tensor(shape: [3, 1, 3, 3], scalars: Array([taps, taps, taps].joined())).converted(to: dtype)
}

/// Every convolution base function of the composition matrix.
let convolutionBaseFunctions: [Composable] = [
    // Cross-correlation with the delta [0, 1, 0] under padding 1 reproduces the signal (input path).
    Composable(name: "conv1d(sin, δ), padding 1", function: { x in
        let delta = Tensor(shape: [1, 1, 3], scalars: [0, 1, 0.0]).converted(to: x.dtype)
        return conv1d(sin(x).reshaped(to: [1, 1, 3]), weight: delta, padding: 1).reshaped(to: [3])
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    // Three 1×1 filters sin xᵢ over an image of one 1 give sin x (weight path).
    Composable(name: "conv2d(1, weight sin), 1×1", function: { x in
        conv2d(Tensor.ones([1, 1, 1, 1], dtype: x.dtype), weight: sin(x).reshaped(to: [3, 1, 1, 1])).reshaped(to: [3])
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    // Depthwise (3 groups), padded, with bias sin x: each channel gives sin xᵢ + sin xᵢ (input and
    // bias paths, the padding and the groups).
    Composable(name: "Σ conv2d(sin, centred, bias sin, groups 3) / 2", function: { x in
        let y = conv2d(sin(x).reshaped(to: [1, 3, 1, 1]), weight: centredKernel(x.dtype), bias: sin(x), padding: 1, groups: 3)
        return y.sum() / 2
    }, form: ClosedForm(rank: 0, order: 0, multiplier: [1, 1, 1])),
    // Each channel's 1×2 image is [sin xᵢ, sin xᵢ − 1]: the window's maximum is sin xᵢ (the
    // gather into windows and the max rule).
    Composable(name: "maxPool2d([sin, sin − 1]), 1×2", function: { x in
        let image = stacked([sin(x), sin(x) - 1], alongAxis: 1).reshaped(to: [1, 3, 1, 2])
        return maxPool2d(image, kernelSize: (1, 2)).reshaped(to: [3])
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    // The mean of [sin xᵢ + 1, sin xᵢ − 1] is sin xᵢ (the averaging matrices' products).
    Composable(name: "adaptiveAvgPool2d([sin + 1, sin − 1]) to 1×1", function: { x in
        let image = stacked([sin(x) + 1, sin(x) - 1], alongAxis: 1).reshaped(to: [1, 3, 1, 2])
        return adaptiveAvgPool2d(image, outputSize: 1).reshaped(to: [3])
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
    // A 1×1 image padded by 1 under a 3×3 window counting the padding: sin xᵢ / 9, times 9.
    Composable(name: "9 · avgPool2d(sin, 3×3, padding 1)", function: { x in
        9 * avgPool2d(sin(x).reshaped(to: [1, 3, 1, 1]), kernelSize: 3, stride: 1, padding: 1).reshaped(to: [3])
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])),
]
