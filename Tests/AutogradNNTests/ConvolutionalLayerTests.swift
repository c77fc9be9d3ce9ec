import Autograd
import AutogradNN
import AutogradTestSupport
import Foundation
import Testing

/// The pooling layers, `Flatten`, `Embedding`, and BatchNorm's buffers in checkpoints.
@Suite("Pooling, flattening and embedding layers")
struct ConvolutionalLayerTests {
    @Test("the pooling layers apply their functions and keep a float32 batch float32", arguments: DType.allCases)
    func poolingLayers(dtype: DType) {
        let x = sample([2, 3, 6, 5], seed: 21).converted(to: dtype)
        let maxLayer = MaxPool2D(kernelSize: 3, stride: 2, padding: 1, dilation: 1)
        let averageLayer = AvgPool2D(kernelSize: (2, 3), stride: (2, 1), padding: (1, 1), countIncludePad: false)
        let adaptiveLayer = AdaptiveAvgPool2D(outputSize: 1)
        #expect(maxLayer(x).scalars == maxPool2d(x, kernelSize: 3, stride: 2, padding: 1).scalars)
        #expect(averageLayer(x).scalars
                == avgPool2d(x, kernelSize: (2, 3), stride: (2, 1), padding: (1, 1), countIncludePad: false).scalars)
        for layer in [maxLayer, averageLayer, adaptiveLayer] as [any Layer] {
            #expect(layer(x).dtype == dtype && layer.namedParameters.isEmpty)
        }
        // Global average pooling is each plane's mean.
        let global = adaptiveLayer(x)
        #expect(global.shape == [2, 3, 1, 1])
        expectClose(global.scalars, x.mean(alongAxes: 2, 3).scalars, tolerance: dtype == .float32 ? 1e-6 : 1e-15)
        // PyTorch's default stride is the kernel size: 6×5 pooled by 2 is 3×2.
        #expect(MaxPool2D(kernelSize: 2)(x).shape == [2, 3, 3, 2])
    }

    @Test("Flatten merges every axis after the first by default, and any range of axes when asked")
    func flatten() {
        let x = Tensor(shape: [2, 3, 4, 5], scalars: (0..<120).map(Double.init))
        let flat = Flatten()(x)
        #expect(flat.shape == [2, 60] && flat.scalars == x.scalars)
        #expect(Flatten(startAxis: 1, endAxis: 2)(x).shape == [2, 12, 5])
        #expect(Flatten(startAxis: 0, endAxis: -2)(x).shape == [24, 5])
        #expect(Flatten(startAxis: 2, endAxis: 2)(x).shape == [2, 3, 4, 5])
    }

    @Test("Embedding looks up rows for indices of any shape and accumulates repeated rows' gradients",
          arguments: DType.allCases)
    func embedding(dtype: DType) {
        let layer = Embedding(count: 5, dimension: 3, seed: 7, dtype: dtype)
        #expect(layer.weight.shape == [5, 3] && layer.weight.dtype == dtype)
        // The table is N(0, 1): the seeded draws themselves.
        #expect(layer.weight.scalars == Tensor.randomNormal([5, 3], seed: 7, dtype: dtype).scalars)
        let indices = Tensor([[4, 0], [4, 2.0]])
        let y = layer(indices)
        #expect(y.shape == [2, 2, 3] && y.dtype == dtype)
        let rows = layer.weight.scalars
        let looked: [Int] = [4, 0, 4, 2]
        let expected = looked.flatMap { (row: Int) -> [Double] in Array(rows[row * 3..<row * 3 + 3]) }
        #expect(y.scalars == expected)
        // Float32 indices work the same.
        #expect(layer(indices.converted(to: .float32)).scalars == y.scalars)
        // By hand: d/dW of Σ y is the number of times each row was looked up.
        let g = valueWithGradient(at: layer) { $0(indices).sum() }.gradient[0]
        #expect(g.scalars == [1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2])
    }

    @Test("a checkpoint saves and loads BatchNorm's running statistics and batch count", arguments: DType.allCases)
    func batchNormCheckpoint(dtype: DType) throws {
        let trained = Sequential { Linear(inputSize: 2, outputSize: 3, seed: 1, dtype: dtype); BatchNorm(featureCount: 3, dtype: dtype) }
        _ = trained(sample([5, 2], seed: 22).converted(to: dtype))
        _ = trained(sample([5, 2], seed: 23).converted(to: dtype))
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(trained, to: url)
        let names = try SafeTensors.read(contentsOf: url).map(\.name).sorted()
        #expect(names == ["0.bias", "0.weight", "1.bias", "1.num_batches_tracked", "1.running_mean", "1.running_var", "1.weight"])
        let fresh = Sequential { Linear(inputSize: 2, outputSize: 3, seed: 9, dtype: dtype); BatchNorm(featureCount: 3, dtype: dtype) }
        try Checkpoint.load(into: fresh, from: url)
        for (saved, loaded) in zip(trained.namedBuffers + trained.namedParameters, fresh.namedBuffers + fresh.namedParameters) {
            #expect(saved.name == loaded.name && saved.tensor.scalars == loaded.tensor.scalars)
        }
        #expect(fresh.namedBuffers[2].tensor.scalar == 2)
        fresh.eval()
        trained.eval()
        let probe = sample([4, 2], seed: 24).converted(to: dtype)
        #expect(fresh(probe).scalars == trained(probe).scalars)
    }
}
