import Autograd
@testable import AutogradNN
import Testing

@Suite("Layers")
struct LayerTests {
    @Test("Linear computes x·Wᵀ + b with PyTorch's weight layout")
    func linearMatchesHandComputation() {
        let layer = Linear(inputSize: 2, outputSize: 3, seed: 0)
        layer.weight.assign(Tensor([[1, 2], [3, 4], [5, 6]]))
        layer.bias!.assign(Tensor([0.5, -0.5, 1]))
        // By hand: [1, -1]·Wᵀ = [1−2, 3−4, 5−6] = [−1, −1, −1], plus b.
        #expect(layer(Tensor([[1, -1]])).scalars == [-0.5, -1.5, 0])
        #expect(layer.namedParameters.map(\.name) == ["weight", "bias"])
    }

    @Test("Sequential names parameters by position")
    func sequentialNamesParameters() {
        let model = Sequential {
            Linear(inputSize: 4, outputSize: 3, seed: 1)
            Linear(inputSize: 3, outputSize: 2, hasBias: false, seed: 2)
        }
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias", "1.weight"])
        #expect(model.parameterCount == 4 * 3 + 3 + 3 * 2)
    }
}

@Suite("Dropout, activations and training")
struct TrainingLayerTests {
    @Test("dropout zeroes about p of the elements, rescales the rest, and is the identity in eval")
    func dropout() {
        let layer = Dropout(probability: 0.25, seed: 7)
        let output = layer(Tensor.ones([100, 100]))
        let kept = output.scalars.filter { $0 != 0 }
        #expect(Set(kept) == [1 / 0.75])
        #expect(abs(Double(kept.count) / 10_000 - 0.75) < 0.02)
        let again = Dropout(probability: 0.25, seed: 7)(Tensor.ones([100, 100]))
        #expect(again.scalars == output.scalars, "the same seed gives the same mask")
        layer.eval()
        #expect(layer(Tensor.ones([2, 2])).scalars == [1, 1, 1, 1])
    }

    @Test("train() and eval() reach every layer of a Sequential")
    func modes() {
        let dropout = Dropout(probability: 0.5, seed: 1)
        let model = Sequential([Linear(inputSize: 2, outputSize: 2, seed: 1), dropout, Activation.relu])
        model.eval()
        #expect(!dropout.isTraining)
        model.train()
        #expect(dropout.isTraining)
    }

    @Test("activation layers apply their functions")
    func activationLayers() {
        let x = Tensor([[-1.0, 0.5]])
        #expect(Activation.relu(x).scalars == [0, 0.5])
        #expect(Activation.tanh(x).scalars == tanh(x).scalars)
        #expect(Activation.sigmoid(x).scalars == sigmoid(x).scalars)
        #expect(Activation.gelu(x).scalars == gelu(x).scalars)
        #expect(Activation.softmax(x).scalars == softmax(x).scalars)
        #expect(Activation.logSoftmax(x).scalars == logSoftmax(x).scalars)
    }

    @Test("He and Glorot initialisations have the right spread")
    func initialisation() {
        let he = Linear(inputSize: 400, outputSize: 300, initialization: .he, seed: 4).weight.scalars
        let variance = he.map { $0 * $0 }.reduce(0, +) / Double(he.count)
        #expect(abs(variance - 2.0 / 400) < 0.05 * 2.0 / 400)
        let glorot = Linear(inputSize: 400, outputSize: 200, initialization: .glorot, seed: 4).weight.scalars
        let bound = (6.0 / 600).squareRoot()
        #expect(glorot.allSatisfy { abs($0) < bound })
        #expect(glorot.max()! > 0.95 * bound && glorot.min()! < -0.95 * bound)
    }

    @Test("a small MLP learns XOR with Adam")
    func learnsXOR() {
        let x = Tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])
        let labels = [0, 1, 1, 0]
        let model = Sequential {
            Linear(inputSize: 2, outputSize: 8, initialization: .glorot, seed: 1)
            Activation.tanh
            Linear(inputSize: 8, outputSize: 2, initialization: .glorot, seed: 2)
        }
        let optimizer = Adam(learningRate: 0.05)
        var firstLoss = 0.0, lastLoss = 0.0
        for step in 0..<300 {
            let (loss, gradients) = valueWithGradient(at: model) { crossEntropy(logits: $0(x), labels: labels) }
            if step == 0 { firstLoss = loss.scalar }
            lastLoss = loss.scalar
            optimizer.update(model, along: gradients)
        }
        #expect(lastLoss < 0.01 * firstLoss)
        #expect(model(x).argmaxIndices(alongAxis: 1) == labels)
    }
}
