import Autograd

/// C = A·B for batches of 64 matrices of 64 × 64 in `dtype`, then backward with a random seed
/// (three loops of 64 GEMMs): the batched product's cost per GEMM call.
func benchmarkBatchedMatmul(dtype: DType) {
    let (batch, size) = (64, 64)
    let a = Tensor.randomNormal([batch, size, size], seed: 2, dtype: dtype).requiringGradient()
    let b = Tensor.randomNormal([batch, size, size], seed: 3, dtype: dtype).requiringGradient()
    let seed = Tensor.randomNormal([batch, size, size], seed: 4, dtype: dtype)
    let seconds = medianSeconds(repetitions: 20) {
        a.zeroGrad()
        b.zeroGrad()
        matmul(a, b).backward(seed: seed)
    }
    let flops = 3 * 2 * Double(batch * size * size * size)
    emit([
        "benchmark": "batched-matmul-\(dtype)", "framework": "swift-autograd", "batch": batch, "size": size,
        "seconds": seconds, "gflops": flops / seconds / 1e9,
    ])
}
