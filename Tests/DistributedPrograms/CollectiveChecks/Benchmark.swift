import Autograd
import AutogradDistributed
import CMPI
import Foundation

/// Times `repeats` all-reduces (mean, the default bucket capacity) of a gradient of the MLP
/// 784→256→256→10 (269,322 parameters), in float32 and float64, against one bare
/// `MPI_Allreduce` of as many values on `MPI_COMM_WORLD` (the floor: MPI's own time); and a
/// one-value all-reduce against a bare one (the per-call cost: the signature check, the
/// lock, the watchdog). Rank 0 prints the median, mean and minimum of each, and the ratio of
/// the medians.
func runBenchmark(_ world: Communicator, repeats: Int) throws {
    for dtype in [DType.float32, .float64] {
        // The parameter shapes of the MLP 784→256→256→10 (weights in PyTorch's [out, in] layout).
        let shapes = [[256, 784], [256], [256, 256], [256], [10, 256], [10]]
        let gradients = shapes.map { Tensor.randomNormal($0, seed: UInt64(world.rank), dtype: dtype) }
        try compare(world, "\(gradients.reduce(0) { $0 + $1.scalarCount }) \(dtype) parameters in \(gradients.count) tensors",
                    gradients, repeats: repeats)
        try compare(world, "1 \(dtype) value", [Tensor.ones([1], dtype: dtype)], repeats: repeats)
    }
}

/// Times `world.allReduce(tensors, .mean)` and a bare `MPI_Allreduce` of as many values, each
/// `repeats` times after 10 unmeasured runs, each run after a barrier; rank 0 prints both.
private func compare(_ world: Communicator, _ label: String, _ tensors: [Tensor], repeats: Int) throws {
    let count = tensors.reduce(0) { $0 + $1.scalarCount }
    let float32 = tensors[0].dtype == .float32
    var floats = [Float](repeating: 1, count: float32 ? count : 0)
    var doubles = [Double](repeating: 1, count: float32 ? 0 : count)
    let bare = {
        let code = float32
            ? MPI_Allreduce(cmpi_in_place(), &floats, Int32(count), cmpi_float(), cmpi_op_sum(), cmpi_comm_world())
            : MPI_Allreduce(cmpi_in_place(), &doubles, Int32(count), cmpi_double(), cmpi_op_sum(), cmpi_comm_world())
        if code != MPI_SUCCESS { fatalError("bare MPI_Allreduce failed with \(code)") }
    }
    let ours = try time(world, repeats: repeats) { try world.allReduce(tensors, .mean) }
    let floor = try time(world, repeats: repeats, bare)
    if world.isMain {
        say(world, "allReduce(.mean) of \(label) on \(world.size) ranks, \(repeats) repeats: \(ours.summary); "
            + "bare MPI_Allreduce: \(floor.summary); ratio of medians \(String(format: "%.2f", ours.median / floor.median))")
    }
}

/// The median, mean and minimum time in milliseconds of `repeats` runs of `body` (after 10
/// unmeasured ones), each started after a barrier.
private func time(_ world: Communicator, repeats: Int, _ body: () throws -> Void) throws -> (median: Double, summary: String) {
    for _ in 0..<10 { try body() }
    var times: [Double] = []
    for _ in 0..<repeats {
        try world.barrier()
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    times.sort()
    let median = times[repeats / 2], mean = times.reduce(0, +) / Double(repeats)
    return (median, String(format: "median %.3f ms, mean %.3f ms, min %.3f ms", median, mean, times[0]))
}
