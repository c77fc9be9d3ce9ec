import Autograd
import AutogradDistributed
import AutogradNN
import Foundation

/// Times `repeats` all-reduces (mean, the default bucket capacity) of the gradient of the MLP
/// 784→256→256→10 (269,322 parameters), in float32 and float64, and prints the median and
/// mean time per all-reduce on rank 0.
func runBenchmark(_ world: Communicator, repeats: Int) throws {
    for dtype in [DType.float32, .float64] {
        let model = Sequential {
            Linear(inputSize: 784, outputSize: 256, seed: 1, dtype: dtype)
            Activation.relu
            Linear(inputSize: 256, outputSize: 256, seed: 2, dtype: dtype)
            Activation.relu
            Linear(inputSize: 256, outputSize: 10, seed: 3, dtype: dtype)
        }
        let gradients = model.parameters.map { Tensor.randomNormal($0.shape, seed: UInt64(world.rank), dtype: dtype) }
        let parameterCount = gradients.reduce(0) { $0 + $1.scalarCount }
        for _ in 0..<10 { try world.allReduce(gradients, .mean) }
        var times: [Duration] = []
        for _ in 0..<repeats {
            try world.barrier()
            let start = ContinuousClock.now
            try world.allReduce(gradients, .mean)
            times.append(ContinuousClock.now - start)
        }
        times.sort()
        let mean = times.reduce(Duration.zero, +) / repeats
        if world.isMain {
            let megabytes = Double(parameterCount * dtype.byteCount) / 1_000_000
            say(world, "allReduce(.mean) of \(parameterCount) \(dtype) parameters (\(megabytes) MB, \(gradients.count) tensors) on \(world.size) ranks, \(repeats) repeats: median \(milliseconds(times[repeats / 2])) ms, mean \(milliseconds(mean)) ms, min \(milliseconds(times[0])) ms")
        }
    }
}

/// `duration` in milliseconds with three decimals.
func milliseconds(_ duration: Duration) -> String {
    String(format: "%.3f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
}
