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
