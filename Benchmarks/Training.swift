import Autograd
import AutogradNN

/// Training steps per second for an MLP 784→256→256→10 (ReLU, softmax cross-entropy,
/// batch 128, plain SGD) of element type `dtype` on random data: forward, backward and
/// update, the work of a PyTorch eager step (`zero_grad`, `loss.backward()`, `optimizer.step()`).
func benchmarkTraining(dtype: DType) {
    let model = Sequential {
        Linear(inputSize: 784, outputSize: 256, seed: 1, dtype: dtype)
        Activation.relu
        Linear(inputSize: 256, outputSize: 256, seed: 2, dtype: dtype)
        Activation.relu
        Linear(inputSize: 256, outputSize: 10, seed: 3, dtype: dtype)
    }
    let inputs = Tensor.randomNormal([128, 784], seed: 4, dtype: dtype)
    var generator = SplitMix64(seed: 5)
    let labels = (0..<128).map { _ in Int(generator.next() % 10) }
    let optimizer = SGD(learningRate: 0.01)
    var loss = Tensor(0)
    func step() {
        let (value, gradients) = valueWithGradient(at: model) { crossEntropy(logits: $0(inputs), labels: labels) }
        optimizer.update(model, along: gradients)
        loss = value
    }
    let stepsPerTiming = 20
    let seconds = medianSeconds(repetitions: 5) { for _ in 0..<stepsPerTiming { step() } }
    check(loss.dtype == dtype && model.parameters.allSatisfy { $0.dtype == dtype },
          "benchmarkTraining: a \(dtype) model trained in \(loss.dtype)")
    emit([
        "benchmark": "mlp-training-\(dtype)", "framework": "swift-autograd", "stepsPerSecond": Double(stepsPerTiming) / seconds,
        "millisecondsPerStep": seconds / Double(stepsPerTiming) * 1e3, "loss": loss.scalar,
    ])
}
