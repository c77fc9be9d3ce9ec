import Autograd
import AutogradNN

/// A `Conv2D` layer 1→32 channels, 3×3 kernel, padding 1, on a batch of 64 28×28 images of
/// type `dtype`: forward, then backward with a random seed into the weight, the bias and the
/// input (im2col, one GEMM forward, two GEMMs and col2im backward).
func benchmarkConvolution(dtype: DType) {
    let layer = Conv2D(inputChannels: 1, outputChannels: 32, kernelSize: 3, padding: 1, seed: 1, dtype: dtype)
    let input = Tensor.randomNormal([64, 1, 28, 28], seed: 2, dtype: dtype).requiringGradient()
    let seed = Tensor.randomNormal([64, 32, 28, 28], seed: 3, dtype: dtype)
    let seconds = medianSeconds(repetitions: 10) {
        layer.zeroGradients()
        input.zeroGrad()
        layer(input).backward(seed: seed)
    }
    check(layer.weight.grad?.dtype == dtype, "benchmarkConvolution: a \(dtype) layer trained in another type")
    emit(["benchmark": "conv2d-\(dtype)", "framework": "swift-autograd", "seconds": seconds])
}
