import Autograd
import AutogradNN

/// Training steps per second for an MLP 784→256→256→10 (ReLU, softmax cross-entropy,
/// batch 128, float64, plain SGD) on random data: forward, backward and update, the work
/// of a PyTorch eager step (`zero_grad`, `loss.backward()`, `optimizer.step()`).
func benchmarkTraining() {
    let model = Sequential {
        Linear(inputSize: 784, outputSize: 256, seed: 1)
        Activation.relu
        Linear(inputSize: 256, outputSize: 256, seed: 2)
        Activation.relu
        Linear(inputSize: 256, outputSize: 10, seed: 3)
    }
    let inputs = Tensor.randomNormal([128, 784], seed: 4)
    var generator = SplitMix64(seed: 5)
    let labels = (0..<128).map { _ in Int(generator.next() % 10) }
    let optimizer = SGD(learningRate: 0.01)
    func step() {
        let (_, gradients) = valueWithGradient(at: model) { crossEntropy(logits: $0(inputs), labels: labels) }
        optimizer.update(model, along: gradients)
    }
    let stepsPerTiming = 50
    let seconds = medianSeconds(repetitions: 9) { for _ in 0..<stepsPerTiming { step() } }
    emit([
        "benchmark": "MLP 784-256-256-10 batch 128 SGD training", "stepsPerSecond": Double(stepsPerTiming) / seconds,
        "millisecondsPerStep": seconds / Double(stepsPerTiming) * 1e3,
    ])
}
