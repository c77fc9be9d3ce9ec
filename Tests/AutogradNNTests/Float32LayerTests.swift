import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// A layer or loss applied to float32 inputs, named for the report.
struct Float32Case: Sendable, CustomTestStringConvertible {
    let testDescription: String
    /// The float64 inputs; the test rounds them to float32.
    let inputs: @Sendable () -> [Tensor]
    let function: @Sendable ([Tensor]) -> Tensor
}

@Suite("Layers, activations and losses in float32")
struct Float32LayerTests {
    // Every function builds its constants from its input, so float32 in gives float32 out.
    static let cases: [Float32Case] = [
        .init(testDescription: "gelu", inputs: { [Tensor.randomNormal([2, 3], seed: 1)] }) { gelu($0[0]) },
        .init(testDescription: "gelu, tanh approximation", inputs: { [Tensor.randomNormal([2, 3], seed: 2)] }) {
            gelu($0[0], approximate: true)
        },
        .init(testDescription: "softplus", inputs: { [Tensor.randomNormal([2, 3], seed: 3) * 3] }) { softplus($0[0]) },
        .init(testDescription: "activation layers", inputs: { [Tensor.randomNormal([2, 4], seed: 4)] }) { inputs in
            let layers: [Activation] = [.relu, .tanh, .sigmoid, .gelu, .softmax, .logSoftmax]
            return concatenate(layers.map { $0(inputs[0]) }, alongAxis: 0)
        },
        .init(testDescription: "meanSquaredError", inputs: { [Tensor.randomNormal([4, 2], seed: 6), Tensor.randomNormal([4, 2], seed: 7)] }) {
            meanSquaredError(predictions: $0[0], targets: $0[1])
        },
        .init(testDescription: "crossEntropy", inputs: { [Tensor.randomNormal([3, 4], seed: 8)] }) {
            crossEntropy(logits: $0[0], labels: [1, 3, 0])
        },
        .init(testDescription: "binaryCrossEntropy", inputs: { [Tensor.randomNormal([5], seed: 9) * 2, Tensor([1, 0, 1, 0.5, 0])] }) {
            binaryCrossEntropy(logits: $0[0], targets: $0[1])
        },
        .init(testDescription: "Linear, then tanh", inputs: { [Tensor.randomNormal([3, 2], seed: 10)] }) { inputs in
            let layer = Linear(inputSize: 2, outputSize: 4, initialization: .glorot, seed: 11, dtype: inputs[0].dtype)
            return tanh(layer(inputs[0]))
        },
    ]

    @Test("float32 in gives float32 out and float32 gradients, close to float64 at the same inputs", arguments: cases)
    func keepsFloat32(_ testCase: Float32Case) {
        let inputs = testCase.inputs().map { $0.converted(to: .float32) }
        let output = testCase.function(inputs)
        #expect(output.dtype == .float32)
        let gradients = gradient(withRespectTo: inputs) { testCase.function(inputs).sum() }
        #expect(gradients.map(\.dtype) == inputs.map { _ in .float32 })
        // The same inputs widened exactly: what remains is float32 rounding, about 6·10⁻⁸ per operation.
        let widened = testCase.function(inputs.map { $0.converted(to: .float64) })
        expectClose(output.scalars, widened.scalars, tolerance: 1e-5)
    }

    @Test("derivatives of the float32 functions match central differences", arguments: cases)
    func gradientCheck(_ testCase: Float32Case) {
        let report = checkGradients(at: testCase.inputs().map { $0.converted(to: .float32) }, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("Linear(dtype: .float32) holds the float64 initial weights rounded, and a zero bias", arguments: [
        Initialization.he, .glorot,
    ])
    func linearInitialisation(_ initialization: Initialization) {
        let double = Linear(inputSize: 5, outputSize: 3, initialization: initialization, seed: 7)
        let single = Linear(inputSize: 5, outputSize: 3, initialization: initialization, seed: 7, dtype: .float32)
        #expect(single.weight.dtype == .float32 && single.bias?.dtype == .float32)
        #expect(single.weight.scalars(as: Float.self) == double.weight.scalars.map { Float($0) })
        #expect(single.bias?.scalars == [0, 0, 0])
        #expect(single.parameterTypes == [.float32] && double.parameterTypes == [.float64])
    }

    @Test("a float32 Linear computes x·Wᵀ + b in float32")
    func linearForward() {
        let layer = Linear(inputSize: 2, outputSize: 3, seed: 0, dtype: .float32)
        layer.weight.assign(Tensor([[1, 2], [3, 4], [5, 6]] as [[Float]]))
        layer.bias!.assign(Tensor([0.5, -0.5, 1] as [Float]))
        // By hand, as the float64 test: [1, −1]·Wᵀ + b = [−0.5, −1.5, 0], exact in float32.
        let output = layer(Tensor([[1, -1]] as [[Float]]))
        #expect(output.dtype == .float32)
        #expect(output.scalars == [-0.5, -1.5, 0])
    }

    @Test("dropout draws its mask in the input's type")
    func dropout() {
        let output = Dropout(probability: 0.25, seed: 7)(Tensor.ones([50, 50], dtype: .float32))
        #expect(output.dtype == .float32)
        #expect(Set(output.scalars(as: Float.self).filter { $0 != 0 }) == [Float(1) / Float(0.75)])
    }

    @Test("convert(to:) changes every parameter in place and returns the model")
    func convertModel() {
        let model = Sequential {
            Linear(inputSize: 3, outputSize: 4, seed: 1)
            Activation.relu
            Linear(inputSize: 4, outputSize: 2, seed: 2)
        }
        let parameters = model.parameters
        let before = parameters.map(\.scalars)
        model(Tensor.ones([1, 3])).sum().backward()
        let converted = model.convert(to: .float32)
        #expect(converted === model)
        #expect(zip(model.parameters, parameters).allSatisfy { $0 === $1 }, "the same tensors, so an optimizer keeps them")
        #expect(model.parameterTypes == [.float32])
        #expect(model.parameters.map { $0.scalars(as: Float.self) } == before.map { $0.map { Float($0) } })
        #expect(model.parameters.allSatisfy { $0.grad == nil }, "gradients of the old type are dropped")
        #expect(model.accumulatedGradients.map(\.dtype) == [DType](repeating: .float32, count: 4))
        #expect(model(Tensor.ones([1, 3], dtype: .float32)).dtype == .float32)
        model.convert(to: .float64)
        #expect(model.parameters.map(\.scalars) == before.map { $0.map { Double(Float($0)) } })
    }
}
