// Trains a multilayer perceptron, or a small CNN with `--model cnn`, on 1,797 real 8×8
// handwritten digits (UCI, shipped with AutogradNN), holding out a test split, or on MNIST
// when given its folder; draws the loss and accuracy curves as SVG; saves a safetensors
// checkpoint and reloads it into a fresh model to show the accuracy survives. Trains in
// float32 unless given `--dtype float64`. With `--distributed` under `mpirun -np N`, the
// ranks train one model data-parallel: each its shard of every batch, gradients averaged.
import ArgumentParser
import Autograd
import AutogradDistributed
import AutogradNN
import ExampleSupport
import Foundation

@main
struct TrainDigits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "TrainDigits",
        abstract: "Train an MLP (pixels→128→64→10) or a small CNN on handwritten digits and report held-out accuracy.")

    @Option(help: "The network: mlp (pixels→128→64→10) or cnn (two 3×3 convolutions with batch norm and 2×2 max pooling, then linear).")
    var model = ModelKind.mlp

    @Option(help: "Passes over the training set (1...10000).")
    var epochs = 40

    @Option(help: "The initial learning rate of SGD with Nesterov momentum (cosine-annealed to zero).")
    var learningRate = 0.05

    @Option(help: "Examples per mini-batch (1...100000).")
    var batchSize = 32

    @Option(help: "Seeds the split, the initial weights and the batch order; the same seed gives the same run.")
    var seed: UInt64 = 0

    @Option(help: "The element type of the features and the model (float32, as PyTorch's default, or float64).")
    var dtype = DType.float32

    @Option(help: "The folder for the checkpoint and the training curve; it, or its parent, must exist and be writable.")
    var output = "TrainDigits-output"

    @Option(help: """
        Train on MNIST instead: a folder with the uncompressed train-images-idx3-ubyte, \
        train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte.
        """)
    var mnist: String?

    @Flag(help: """
        Train data-parallel over MPI (run under mpirun -np N): each rank its shard of every batch, \
        the gradients averaged; rank 0 alone prints and writes. Without mpirun, one process.
        """)
    var distributed = false

    /// Checks every option, and that the output folder can be written, before any training.
    func validate() throws {
        try requireInRange(epochs, 1...10_000, name: "--epochs")
        try requireInRange(batchSize, 1...100_000, name: "--batch-size")
        try requirePositive(learningRate, name: "--learning-rate")
        try requireWritableOutputFolder(output)
        if let mnist, !FileManager.default.fileExists(atPath: mnist) {
            throw ValidationError("--mnist: the folder '\(mnist)' does not exist")
        }
    }

    func run() throws {
        let world: Communicator? = try distributed ? Communicator.world() : nil
        let isMain = world?.isMain ?? true
        /// Prints on rank 0 only, so a distributed run shows one log.
        func log(_ line: String) { if isMain { print(line) } }
        let (rawTrain, rawTest) = try loadData()
        let standardizer = Standardizer(fitting: rawTrain.features)  // training statistics only
        let train = Dataset(features: standardizer(rawTrain.features), labels: rawTrain.labels).converted(to: dtype)
        let test = Dataset(features: standardizer(rawTest.features), labels: rawTest.labels).converted(to: dtype)
        log("digits: \(train.count) for training, \(test.count) held out; \(train.featureCount) pixels each, \(dtype)")

        let model = self.model.makeModel(pixelCount: train.featureCount, seed: seed, dtype: dtype)
        let parallel = try world.map { try DataParallel(model, over: $0) }
        let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
        let optimizer = SGD(
            learningRate: .cosine(initial: learningRate, steps: epochs * batchesPerEpoch),
            momentum: 0.9, nesterov: true, weightDecay: 1e-4)
        log("model: \(self.model.summary), \(model.parameterCount) \(dtype) parameters; SGD, Nesterov momentum 0.9, cosine schedule")
        if let world { log("data parallel over \(world.size) rank\(world.size == 1 ? "" : "s"): each its shard of every batch of \(batchSize)") }
        log("")

        var history = History()
        var progress = ProgressBar(total: epochs)
        let clock = ContinuousClock()
        let start = clock.now
        for epoch in 0..<epochs {
            model.train()
            var lossSum = 0.0
            for (index, batch) in train.batches(of: batchSize, shuffledWith: seed &+ UInt64(epoch)).enumerated() {
                let (loss, gradients) = try lossAndGradients(of: model, on: batch, parallel: parallel)
                try requireFiniteLoss(loss, at: "epoch \(epoch + 1), batch \(index + 1)")
                optimizer.update(model, along: gradients)
                lossSum += loss * Double(batch.count)
            }
            guard isMain else { continue }  // the other ranks only train
            history.trainingLoss.append(lossSum / Double(train.count))
            history.trainingAccuracy.append(accuracy(of: model, on: train))
            history.testAccuracy.append(accuracy(of: model, on: test))
            progress.update(completed: epoch + 1, fields: [
                "loss": String(format: "%.4f", history.trainingLoss.last!),
                "train": String(format: "%.1f%%", 100 * history.trainingAccuracy.last!),
                "test": String(format: "%.1f%%", 100 * history.testAccuracy.last!),
            ])
        }
        guard isMain else { return }
        progress.finish()
        let seconds = (clock.now - start) / .seconds(1)
        let testAccuracy = history.testAccuracy.last!
        print(String(format: "\ntrained %d epochs in %.2f s: training loss %.4f, test accuracy %.2f%% (%d of %d)",
                     epochs, seconds, history.trainingLoss.last!, 100 * testAccuracy,
                     Int((testAccuracy * Double(test.count)).rounded()), test.count))
        if let parallel, parallel.allReduceCount > 0 {
            print(String(format: "all-reduce: %.3f ms per step over %d rank(s) (%d steps)",
                         parallel.allReduceTime / .milliseconds(1) / Double(parallel.allReduceCount),
                         parallel.communicator.size, parallel.allReduceCount))
        }

        let folder = URL(fileURLWithPath: output, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let curve = folder.appendingPathComponent("training-curve.svg")
        try history.svg().write(to: curve, atomically: true, encoding: .utf8)
        print("curves:     \(curve.path)")

        let checkpoint = folder.appendingPathComponent("digits-\(self.model).safetensors")
        try Checkpoint.save(model, to: checkpoint)
        // Different initial weights, then overwritten; the file holds each tensor in the model's type.
        let reloaded = self.model.makeModel(pixelCount: train.featureCount, seed: seed &+ 1000, dtype: dtype)
        try Checkpoint.load(into: reloaded, from: checkpoint)
        let reloadedAccuracy = accuracy(of: reloaded, on: test)
        print(String(format: "checkpoint: %@, reloaded test accuracy %.2f%% (%@)", checkpoint.path,
                     100 * reloadedAccuracy, reloadedAccuracy == testAccuracy ? "identical" : "DIFFERENT"))
    }
}

extension TrainDigits {
    /// The bundled UCI digits split 80/20 with the seed, or MNIST's own training and test sets.
    func loadData() throws -> (train: Dataset, test: Dataset) {
        guard let mnist else { return try Dataset.digits().split(testFraction: 0.2, seed: seed) }
        let folder = URL(fileURLWithPath: mnist, isDirectory: true)
        func part(_ prefix: String) throws -> Dataset {
            try Dataset.mnist(images: folder.appendingPathComponent("\(prefix)-images-idx3-ubyte"),
                              labels: folder.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
        return (try part("train"), try part("t10k"))
    }
}

/// The mean cross-entropy of `model` on `batch` and its gradient: on the whole batch, or with
/// `parallel`, each rank on its shard and the gradients averaged over the ranks.
func lossAndGradients(of model: Sequential, on batch: Dataset, parallel: DataParallel<Sequential>?) throws -> (Double, [Tensor]) {
    func loss(_ model: Sequential, _ rows: Dataset) -> Tensor {
        crossEntropy(logits: model(rows.features), labels: rows.labels)
    }
    if let parallel { return try parallel.valueWithGradient(on: batch, of: loss) }
    let (value, gradients) = valueWithGradient(at: model) { loss($0, batch) }
    return (value.scalar, gradients)
}

/// The fraction of `data` whose highest-scoring class is its label, in evaluation mode.
func accuracy(of model: some Layer, on data: Dataset) -> Double {
    model.eval()
    let predictions = withoutGradients { model(data.features).argmaxIndices(alongAxis: 1) }
    return Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / Double(data.count)
}

/// Per-epoch figures of a training run, drawn as two charts side by side.
struct History {
    var trainingLoss: [Double] = []
    var trainingAccuracy: [Double] = []
    var testAccuracy: [Double] = []

    func svg() -> String {
        sideBySide([
            LineChart(title: "Training loss", xLabel: "epoch", yLabel: "cross-entropy",
                      series: [.init(name: "training", values: trainingLoss)]),
            LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "fraction correct",
                      series: [.init(name: "training", values: trainingAccuracy),
                               .init(name: "test (held out)", values: testAccuracy)]),
        ])
    }
}
