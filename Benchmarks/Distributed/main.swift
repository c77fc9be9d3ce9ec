// Data-parallel training speed: the benchmark MLP 784→256→256→10 (269,322 parameters, the
// `mlp-training` benchmark's network) trained with DataParallel on one fixed global batch of
// random data, plain SGD. Run under `mpirun -np P`; rank 0 prints one JSON line: steps per
// second (median of the timed rounds) and the all-reduce time per step. scripts/bench-distributed
// runs 1 rank × 2 BLAS threads against 2 ranks × 1 thread.
import ArgumentParser
import Autograd
import AutogradDistributed
import AutogradNN
import ExampleSupport
import Foundation

@main
struct DistributedBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "DistributedBenchmark",
        abstract: "Steps per second of data-parallel MLP training (784→256→256→10) and the all-reduce time per step.")

    @Option(help: "Rows in each global batch, split over the ranks (1...100000).")
    var batchSize = 128

    @Option(help: "Timed steps per round (1...100000); five rounds after one warm-up round.")
    var steps = 20

    @Option(help: "The element type of the model and the data (float32 or float64).")
    var dtype = DType.float32

    /// Checks every option before any work.
    func validate() throws {
        try requireInRange(batchSize, 1...100_000, name: "--batch-size")
        try requireInRange(steps, 1...100_000, name: "--steps")
    }

    func run() throws {
        let world = try Communicator.world()
        let model = Sequential {
            Linear(inputSize: 784, outputSize: 256, seed: 1, dtype: dtype)
            Activation.relu
            Linear(inputSize: 256, outputSize: 256, seed: 2, dtype: dtype)
            Activation.relu
            Linear(inputSize: 256, outputSize: 10, seed: 3, dtype: dtype)
        }
        var generator = SplitMix64(seed: 5)
        let batch = Dataset(features: Tensor.randomNormal([batchSize, 784], seed: 4, dtype: dtype),
                            labels: (0..<batchSize).map { _ in Int(generator.next() % 10) })
        let parallel = try DataParallel(model, over: world)
        let optimizer = SGD(learningRate: 0.01)
        var loss = 0.0
        func round() throws {
            for _ in 0..<steps {
                let gradients: [Tensor]
                (loss, gradients) = try parallel.valueWithGradient(on: batch) { model, shard in
                    crossEntropy(logits: model(shard.features), labels: shard.labels)
                }
                optimizer.update(model, along: gradients)
            }
        }
        try round()  // warm-up
        let clock = ContinuousClock()
        var roundSeconds: [Double] = []
        let (reduceTimeBefore, reduceCountBefore) = (parallel.allReduceTime, parallel.allReduceCount)
        for _ in 0..<5 {
            try world.barrier()  // every round starts together
            roundSeconds.append(try clock.measure(round) / .seconds(1))
        }
        let reduceMilliseconds = (parallel.allReduceTime - reduceTimeBefore) / .milliseconds(1)
            / Double(parallel.allReduceCount - reduceCountBefore)
        guard parallel.isMain else { return }
        let median = roundSeconds.sorted()[2]
        print("{\"benchmark\": \"data-parallel-mlp-\(dtype)\", \"ranks\": \(world.size), \"blasThreads\": \(BLASBackend.threadCount), "
            + "\"globalBatch\": \(batchSize), \"parameters\": \(model.parameterCount), "
            + "\"stepsPerSecond\": \(Double(steps) / median), \"millisecondsPerStep\": \(median / Double(steps) * 1e3), "
            + "\"allReduceMillisecondsPerStep\": \(reduceMilliseconds), \"loss\": \(loss)}")
    }
}
