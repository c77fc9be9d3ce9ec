// The proof of issue 14's data parallelism: under `mpirun -np P`, every rank trains a float64
// MLP on its shard of each global batch of the bundled digits (DataParallel), while rank 0
// also trains a single-process copy on the whole batches with the same seeds. After 50 steps
// of SGD with momentum, and separately after 50 steps of Adam, every parameter of the
// distributed model must equal the single-process one to 1e-12, and all ranks must hold the
// same parameters. Prints the largest differences; exits 1 on every rank otherwise.
//
//     mpirun -np 2 --allow-run-as-root --oversubscribe .build/debug/DataParallelExactness
import Autograd
import AutogradDistributed
import AutogradNN
import Foundation

/// The largest |difference| allowed between the distributed and the single-process parameters.
let tolerance = 1e-12
let steps = 50
/// 64 rows: 32 per rank under 2 ranks, 22, 21 and 21 under 3.
let batchSize = 64
let seed: UInt64 = 14

/// The MLP pixels→32→16→10 in float64, its weights drawn from `seed`.
func makeModel(pixelCount: Int, seed: UInt64) -> Sequential {
    Sequential {
        Linear(inputSize: pixelCount, outputSize: 32, seed: seed &+ 1, dtype: .float64)
        Activation.relu
        Linear(inputSize: 32, outputSize: 16, seed: seed &+ 2, dtype: .float64)
        Activation.relu
        Linear(inputSize: 16, outputSize: 10, seed: seed &+ 3, dtype: .float64)
    }
}

/// The first `steps` global batches, epoch after epoch, each epoch shuffled with its own seed:
/// the same on every rank.
func globalBatches(of data: Dataset) -> [Dataset] {
    var batches: [Dataset] = []
    while batches.count < steps {
        batches += data.batches(of: batchSize, shuffledWith: seed &+ UInt64(batches.count))
    }
    return Array(batches.prefix(steps))
}

/// The largest |a − b| over corresponding tensors.
func largestDifference(_ a: [Tensor], _ b: [Tensor]) -> Double {
    zip(a, b).map { zip($0.scalars, $1.scalars).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
}

func loss(_ model: Sequential, _ batch: Dataset) -> Tensor {
    crossEntropy(logits: model(batch.features), labels: batch.labels)
}

let world = try Communicator.world()
let digits = try Dataset.digits().split(testFraction: 0.2, seed: seed).train
let train = Dataset(features: Standardizer(fitting: digits.features)(digits.features), labels: digits.labels)
let batches = globalBatches(of: train)
let optimizers: [(name: String, make: () -> any Optimizer)] = [
    ("SGD, momentum 0.9", { SGD(learningRate: 0.05, momentum: 0.9) }),
    ("Adam", { Adam(learningRate: 0.003) }),
]

var failures = 0.0
for (name, makeOptimizer) in optimizers {
    // Each rank starts from other weights: DataParallel must broadcast rank 0's.
    let parallel = try DataParallel(makeModel(pixelCount: train.featureCount, seed: seed &+ UInt64(world.rank) * 100), over: world)
    let optimizer = makeOptimizer()
    for batch in batches {
        let (_, gradients) = try parallel.valueWithGradient(on: batch, of: loss)
        optimizer.update(parallel.model, along: gradients)
    }
    let parameters = parallel.model.parameters
    let rankZeros = parameters.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
    try world.broadcast(rankZeros, from: 0)
    let spread = try world.allReduced([Tensor(shape: [1], scalars: [largestDifference(parameters, rankZeros)])], .sum)[0].scalar

    var difference = 0.0
    if parallel.isMain {
        let single = makeModel(pixelCount: train.featureCount, seed: seed)
        let singleOptimizer = makeOptimizer()
        for batch in batches {
            let (_, gradients) = valueWithGradient(at: single) { loss($0, batch) }
            singleOptimizer.update(single, along: gradients)
        }
        difference = largestDifference(parameters, single.parameters)
        let passed = difference <= tolerance && spread <= tolerance
        print(String(format: "%@, %d steps of %d rows over %d rank(s): largest |distributed − single process| = %.3e, between ranks %.3e (tolerance %.0e): %@",
                     name, steps, batchSize, world.size, difference, spread, tolerance, passed ? "exact" : "FAILED"))
    }
    failures += difference > tolerance || spread > tolerance ? 1 : 0
}
// Rank 0 alone knows the single-process difference: every rank learns the verdict.
let verdict = try world.allReduced([Tensor(shape: [1], scalars: [failures])], .sum)[0].scalar
if verdict > 0 {
    if world.rank == 0 { FileHandle.standardError.write(Data("DataParallelExactness: FAILED\n".utf8)) }
    exit(1)
}
