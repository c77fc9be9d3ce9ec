import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// Misuse of the normalisation, pooling, flattening and embedding layers traps with a message
/// naming the layer and the shapes or values.
@Suite("Bad input traps: normalization and embedding layers")
struct ConvolutionalLayerTrapTests {
    @Test("BatchNorm given the wrong number of channels")
    func batchNormChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm(featureCount: 3)(Tensor.ones([4, 2, 5]))
        }
        #expect(standardError(of: result).contains("BatchNorm: expects input of shape [batch, 3, ...], got [4, 2, 5]"))
    }

    @Test("BatchNorm training on one value per channel")
    func batchNormSingleValue() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BatchNorm(featureCount: 3)(Tensor.ones([1, 3]))
        }
        #expect(standardError(of: result).contains(
            "BatchNorm: expected more than 1 value per channel when training, got input of shape [1, 3]"))
    }

    @Test("LayerNorm given an input that does not end with the normalized shape")
    func layerNormShape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LayerNorm(normalizedShape: [4])(Tensor.ones([2, 3]))
        }
        #expect(standardError(of: result).contains("layerNorm: input of shape [2, 3] does not end with the normalized shape [4]"))
    }

    @Test("an embedding index out of range")
    func embeddingOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(count: 5, dimension: 2, seed: 0)(Tensor([1, 5.0]))
        }
        #expect(standardError(of: result).contains("Embedding: index 5.0 is not a whole number in 0..<5 (indices of shape [2])"))
    }

    @Test("an embedding index that is not a whole number")
    func embeddingFraction() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Embedding(count: 5, dimension: 2, seed: 0)(Tensor([0.5]))
        }
        #expect(standardError(of: result).contains("Embedding: index 0.5 is not a whole number in 0..<5"))
    }

    @Test("a pooling layer with a bad kernel size")
    func poolingLayerKernel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxPool2D(kernelSize: -1)(Tensor.ones([1, 1, 4, 4]))
        }
        #expect(standardError(of: result).contains("maxPool2d: kernel size (-1, -1), stride (-1, -1) and dilation (1, 1) must be positive"))
    }

    @Test("Flatten with axes out of range")
    func flattenAxes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Flatten(startAxis: 1)(Tensor.ones([3]))
        }
        #expect(standardError(of: result).contains("Flatten: axes 1...-1 are not an ordered range of axes of input [3]"))
    }
}
