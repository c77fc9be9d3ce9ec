import Autograd
import Foundation

/// Every timed workload by the name that `scripts/bench` and Benchmarks/pytorch_reference.py
/// share, in the order a run without options takes; each prints one JSON line whose
/// `benchmark` is that name.
let workloads: KeyValuePairs<String, @Sendable () throws -> Void> = [
    "environment": reportEnvironment,
    "chain": benchmarkChain,
    "mlp-training-float64": { benchmarkTraining(dtype: .float64) },
    "mlp-training-float32": { benchmarkTraining(dtype: .float32) },
    "mlp-cheap-gradient": benchmarkHigherOrder,
    "matmul-float64": { benchmarkMatmul(dtype: .float64) },
    "matmul-float32": { benchmarkMatmul(dtype: .float32) },
    "batched-matmul-float64": { benchmarkBatchedMatmul(dtype: .float64) },
    "batched-matmul-float32": { benchmarkBatchedMatmul(dtype: .float32) },
    "inverse-norm": benchmarkInverseNorm,
    "gp-likelihood": benchmarkGaussianProcessLikelihood,
    "solve": benchmarkSolve,
    "conv2d-float64": { benchmarkConvolution(dtype: .float64) },
    "conv2d-float32": { benchmarkConvolution(dtype: .float32) },
    "blas-threads": benchmarkBLASThreads,
]

/// Runs the workload called `name`, or prints an error line when there is none.
func runWorkload(named name: String) throws {
    guard let workload = workloads.first(where: { $0.key == name })?.value else {
        emit(["benchmark": name, "error": "no such workload; known: \(workloads.map(\.key).joined(separator: ", "))"])
        return
    }
    try workload()
}

/// The machine and the settings the figures depend on.
func reportEnvironment() {
    emit([
        "benchmark": "environment", "framework": "swift-autograd", "cpu": cpuModel(),
        "logicalCores": ProcessInfo.processInfo.activeProcessorCount,
        "OPENBLAS_NUM_THREADS": ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset",
        "blasKernelSet": BLASBackend.kernelSet, "loadAverage1Minute": loadAverage(),
    ])
}

// MARK: - Per-operation overhead

/// The per-op chain: `length` primitive operations cycling y·1.0001, y + 0.5 and tanh y.
func chain(from x: Tensor, length: Int) -> Tensor {
    var y = x
    for step in 0..<length {
        switch step % 3 {
        case 0: y = y * 1.0001
        case 1: y = y + 0.5
        default: y = tanh(y)
        }
    }
    return y
}

/// The length of the timed and counted chain.
let chainLength = 1_000

/// A 1,000-op chain on a 2 × 2 float64 tensor, its sum, and backward: the engine's cost per op.
func chainForwardBackward() {
    chain(from: Tensor.randomNormal([2, 2], seed: 1).requiringGradient(), length: chainLength).sum().backward()
}

/// Microseconds per op of the chain, forward and backward.
func benchmarkChain() {
    let seconds = medianSeconds(repetitions: 50, chainForwardBackward)
    emit(["benchmark": "chain", "framework": "swift-autograd", "ops": chainLength,
          "microsecondsPerOp": seconds / Double(chainLength) * 1e6])
}

/// `count` chains forward and backward and nothing else: what scripts/count-instructions
/// runs under callgrind (20 chains minus none, ÷ 20,000, is the instruction count per op).
func runChains(_ count: Int) {
    for _ in 0..<count { chainForwardBackward() }
}
