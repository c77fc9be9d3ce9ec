// Prints benchmark figures as JSON lines: only what this run measured. Run with
// `scripts/bench` (release mode), which also times the same workloads in PyTorch eager when
// Python can import torch (Benchmarks/pytorch_reference.py). Nothing here asserts a time.
import ArgumentParser
import Autograd
import CLinearAlgebra
import Foundation

/// The command line: no options besides `--help`; anything else is refused before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Benchmarks",
        abstract: "Time the engine's overhead, matmul, InverseNorm, higher order and training; print JSON lines.",
        discussion: "Run it through scripts/bench (release mode, same thread count as the PyTorch reference).")
}
_ = Options.parseOrExit()

emit([
    "benchmark": "environment", "framework": "swift-autograd", "cpu": cpuModel(),
    "logicalCores": ProcessInfo.processInfo.activeProcessorCount,
    "OPENBLAS_NUM_THREADS": ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset",
    "blasKernelSet": BLASBackend.kernelSet, "loadAverage1Minute": loadAverage(),
])

// MARK: - Per-operation overhead

// A chain of 1,000 primitive operations on 2 × 2 tensors cycling x·1.0001, + 0.5 and tanh,
// then a sum; forward and backward.
let chainLength = 1_000
let chainSeconds = medianSeconds(repetitions: 50) {
    let x = Tensor.randomNormal([2, 2], seed: 1).requiringGradient()
    var y = x
    for step in 0..<chainLength {
        switch step % 3 {
        case 0: y = y * 1.0001
        case 1: y = y + 0.5
        default: y = tanh(y)
        }
    }
    y.sum().backward()
}
emit(["benchmark": "per-op overhead", "ops": chainLength, "microsecondsPerOp": chainSeconds / Double(chainLength) * 1e6])

// MARK: - Matrix product forward + backward

let size = 1_024
let a = Tensor.randomNormal([size, size], seed: 2).requiringGradient()
let b = Tensor.randomNormal([size, size], seed: 3).requiringGradient()
let seed = Tensor.randomNormal([size, size], seed: 4)
let flops = 3 * 2 * Double(size * size * size)
let engineSeconds = medianSeconds(repetitions: 10) {
    a.zeroGrad()
    b.zeroGrad()
    matmul(a, b).backward(seed: seed)
}
// The baseline: the same three products as bare cblas_dgemm calls into preallocated buffers.
var c = [Double](repeating: 0, count: size * size)
var gradientA = c, gradientB = c
let bareSeconds = medianSeconds(repetitions: 10) {
    cla_dgemm(false, false, size, size, size, 1, a.scalars, size, b.scalars, size, 0, &c, size)
    cla_dgemm(false, true, size, size, size, 1, seed.scalars, size, b.scalars, size, 0, &gradientA, size)
    cla_dgemm(true, false, size, size, size, 1, a.scalars, size, seed.scalars, size, 0, &gradientB, size)
}
emit([
    "benchmark": "matmul 1024 forward+backward", "seconds": engineSeconds, "gflops": flops / engineSeconds / 1e9,
    "bareDgemmSeconds": bareSeconds, "bareGflops": flops / bareSeconds / 1e9, "ratioToBare": engineSeconds / bareSeconds,
])

// MARK: - InverseNorm at n = 500

let matrix = 2 * Tensor.eye(500) + Tensor.randomNormal([500, 500], standardDeviation: 0.5 / 500.0.squareRoot(), seed: 5)
let inverseNormSeconds = try medianSeconds(repetitions: 10) {
    _ = try valueWithGradient(at: matrix) { try $0.inverse().frobeniusNorm() }
}
emit(["benchmark": "InverseNorm n=500 value+gradient", "seconds": inverseNormSeconds])

// MARK: - Higher order

benchmarkHigherOrder()

// MARK: - Training steps

benchmarkTraining()
