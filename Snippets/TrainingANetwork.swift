// The code of the article "Training a Network" (AutogradNN.docc/TrainingANetwork.md): a small
// multilayer perceptron trained in float32 on the bundled 8×8 digits, with the layers, losses,
// optimisers, data and checkpoints the article describes. `swift run TrainingANetwork`.
// snippet.hide
import Autograd
import AutogradNN
import Foundation

// snippet.show
// snippet.model
/// 64 pixels → 32 → 10 class scores, with dropout; weights drawn from `seed`.
func classifier(seed: UInt64, dtype: DType = .float64) -> Sequential {
    Sequential {
        Linear(inputSize: 64, outputSize: 32, seed: seed, dtype: dtype)
        Activation.relu
        Dropout(probability: 0.1, seed: seed + 1)
        Linear(inputSize: 32, outputSize: 10, seed: seed + 2, dtype: dtype)
    }
}
let model = classifier(seed: 1)
for (name, tensor) in model.namedParameters {
    print(name, tensor.shape)
}
print("parameters:", model.parameterCount)
// snippet.end

// snippet.builder
/// A perceptron through `widths`, ReLU between its linear layers.
func perceptron(widths: [Int], seed: UInt64) -> Sequential {
    Sequential {
        for (index, (input, output)) in zip(widths, widths.dropFirst()).enumerated() {
            Linear(inputSize: input, outputSize: output, initialization: .he, seed: seed + UInt64(index))
            if index < widths.count - 2 {
                Activation.relu
            }
        }
    }
}
print("layers:", perceptron(widths: [64, 128, 64, 10], seed: 0).layers.count)
// snippet.end

// snippet.convolutional
let convolutional = Sequential {
    Activation("image") { $0.reshaped(to: [$0.shape[0], 1, 8, 8]) }
    Conv2D(inputChannels: 1, outputChannels: 8, kernelSize: 3, padding: 1, seed: 4)
    BatchNorm(featureCount: 8)
    Activation.relu
    MaxPool2D(kernelSize: 2)
    Flatten()
    Linear(inputSize: 8 * 4 * 4, outputSize: 10, seed: 5)
}
print("CNN output:", convolutional(Tensor.zeros([2, 64])).shape)
print("buffers:", convolutional.namedBuffers.map(\.name))
// snippet.end

// snippet.embedding
let encoder = Sequential {
    Embedding(count: 100, dimension: 8, seed: 6)
    LayerNorm(normalizedShape: [8])
    Activation.gelu
}
print("encoded:", encoder(Tensor([[3, 14, 15], [92, 65, 35]])).shape)
// snippet.end

// snippet.data
let digits = try Dataset.digits()
let (rawTrain, rawTest) = digits.split(testFraction: 0.2, seed: 0)
let standardizer = Standardizer(fitting: rawTrain.features)  // training statistics only
let train = Dataset(features: standardizer(rawTrain.features), labels: rawTrain.labels)
    .converted(to: .float32)
let test = Dataset(features: standardizer(rawTest.features), labels: rawTest.labels)
    .converted(to: .float32)
print("train:", train.count, "test:", test.count, "features:", train.featureCount)
// snippet.end

// snippet.float32
model.convert(to: .float32)
print("model:", model.parameterTypes)
// snippet.end

// snippet.accuracy
/// The fraction of `data` whose highest-scoring class is its label, in evaluation mode.
func accuracy(of model: some Layer, on data: Dataset) -> Double {
    model.eval()
    let predictions = withoutGradients { model(data.features).argmaxIndices(alongAxis: 1) }
    return Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / Double(data.count)
}
// snippet.end

// snippet.loop
let epochs = 8, batchSize = 64
let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
let optimizer = SGD(
    learningRate: .cosine(initial: 0.1, steps: epochs * batchesPerEpoch),
    momentum: 0.9, nesterov: true, weightDecay: 1e-4)
for epoch in 0..<epochs {
    model.train()
    var lossSum = 0.0
    for batch in train.batches(of: batchSize, shuffledWith: UInt64(epoch)) {
        let (loss, gradients) = valueWithGradient(at: model) { model in
            crossEntropy(logits: model(batch.features), labels: batch.labels)
        }
        let clipped = try clippedByGlobalNorm(gradients, maxNorm: 5)
        optimizer.update(model, along: clipped.gradients)
        lossSum += loss.scalar * Double(batch.count)
    }
    let meanLoss = lossSum / Double(train.count)
    print("epoch \(epoch + 1): loss \(String(format: "%.3f", meanLoss)), "
          + "test accuracy \(String(format: "%.1f", 100 * accuracy(of: model, on: test)))%")
}
// snippet.end

// snippet.backward
model.train()
let batch = train.subset(Array(0..<batchSize))
model.zeroGradients()
let loss = crossEntropy(logits: model(batch.features), labels: batch.labels)
loss.backward()
let norm = try clipGradientNorm(of: model.parameters, maxNorm: 1)
let adam = Adam(learningRate: .step(initial: 1e-3, factor: 0.5, every: 100))
adam.update(model, along: model.accumulatedGradients)
print("gradient norm before clipping: \(String(format: "%.3f", norm)); Adam's next rate: \(adam.currentLearningRate)")
// snippet.end

// snippet.lbfgs
let x = Tensor.randomNormal([100], seed: 7)
let y = 3 * x - 2 + 0.1 * Tensor.randomNormal([100], seed: 8)
let slope = Tensor(0.0).requiringGradient(), intercept = Tensor(0.0).requiringGradient()
let result = try LBFGS().minimize([slope, intercept]) {
    meanSquaredError(predictions: slope * x + intercept, targets: y)
}
print(result)
print("slope \(String(format: "%.3f", slope.scalar)), intercept \(String(format: "%.3f", intercept.scalar))")
// snippet.end

// snippet.checkpoint
let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("TrainingANetwork-\(UUID().uuidString)", isDirectory: true)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let file = folder.appendingPathComponent("digits.safetensors")
try Checkpoint.save(model, to: file)

let reloaded = classifier(seed: 100, dtype: .float32)
try Checkpoint.load(into: reloaded, from: file)
print("reloaded accuracy equal:", accuracy(of: reloaded, on: test) == accuracy(of: model, on: test))
// snippet.end

// snippet.errors
let wider = perceptron(widths: [64, 48, 10], seed: 9)
do throws(CheckpointError) {
    try Checkpoint.load(into: wider, from: file)
} catch {
    print(error)
}
let double = classifier(seed: 200)  // float64
do throws(CheckpointError) {
    try Checkpoint.load(into: double, from: file)
} catch {
    print(error)
}
try Checkpoint.load(into: double, from: file, dtypeMismatch: .convert)
print("converted while loading:", double.parameterTypes)
// snippet.end

// snippet.cleanup
try FileManager.default.removeItem(at: folder)
// snippet.end
