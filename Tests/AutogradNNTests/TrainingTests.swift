import Autograd
import AutogradNN
import Testing

/// One epoch of the TrainDigits pipeline (split, standardise, seeded batches, SGD) on a
/// model seeded with `seed`; returns the trained parameters.
private func oneEpochOnDigits(seed: UInt64) throws -> [[Double]] {
    let (train, _) = try Dataset.digits().split(testFraction: 0.2, seed: seed)
    let standardize = Standardizer(fitting: train.features)
    let model = Sequential {
        Linear(inputSize: 64, outputSize: 32, seed: seed &+ 1)
        Activation.relu
        Dropout(probability: 0.1, seed: seed &+ 2)
        Linear(inputSize: 32, outputSize: 10, seed: seed &+ 3)
    }
    let optimizer = SGD(learningRate: 0.05, momentum: 0.9)
    for batch in train.batches(of: 64, shuffledWith: seed) {
        let (_, gradients) = valueWithGradient(at: model) { model in
            crossEntropy(logits: model(standardize(batch.features)), labels: batch.labels)
        }
        optimizer.update(model, along: gradients)
    }
    return model.parameters.map(\.scalars)
}

@Suite("Training runs")
struct TrainingTests {
    @Test("the same seed gives the same trained weights, another seed different ones")
    func deterministic() throws {
        let first = try oneEpochOnDigits(seed: 4)
        #expect(try oneEpochOnDigits(seed: 4) == first)
        #expect(try oneEpochOnDigits(seed: 5) != first)
    }

    @Test("backward() and accumulated gradients give the functional gradients")
    func trainingLoopStyle() {
        let model = Sequential([Linear(inputSize: 3, outputSize: 2, seed: 1), Activation.tanh])
        let x = Tensor.randomNormal([4, 3], seed: 2)
        let (_, functional) = valueWithGradient(at: model) { meanSquaredError(predictions: $0(x), targets: Tensor.ones([4, 2])) }
        meanSquaredError(predictions: model(x), targets: Tensor.ones([4, 2])).backward()
        #expect(model.accumulatedGradients.map(\.scalars) == functional.map(\.scalars))
    }

    @Test("the layer builder takes conditionals and loops")
    func builder() {
        let hidden = [8, 8]
        let withDropout = true
        let model = Sequential {
            Linear(inputSize: 2, outputSize: 8, seed: 0)
            for (index, width) in hidden.enumerated() {
                Linear(inputSize: 8, outputSize: width, seed: UInt64(index + 1))
            }
            if withDropout {
                Dropout(probability: 0.5, seed: 3)
            } else {
                Activation.relu
            }
        }
        #expect(model.layers.count == 4)
        #expect(model.layers.last is Dropout)
        #expect(model(Tensor.ones([5, 2])).shape == [5, 8])
    }
}
