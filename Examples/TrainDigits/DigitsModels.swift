// The two networks TrainDigits can train: a multilayer perceptron on the flat pixels, and a
// small convolutional network on the pixels as a one-channel square image.
import ArgumentParser
import Autograd
import AutogradNN

/// Which network to train.
enum ModelKind: String, CaseIterable, ExpressibleByArgument {
    /// pixels → 128 → 64 → 10, ReLU between layers.
    case mlp
    /// conv 1→16 3×3 → conv 16→32 3×3 stride 2 → 10, ReLU between layers.
    case cnn

    /// A one-line description of the network, for the log.
    var summary: String {
        switch self {
        case .mlp: "MLP pixels→128→64→10"
        case .cnn: "CNN conv 1→16 3×3, batch norm, ReLU, max pool 2×2, conv 16→32 3×3, batch norm, ReLU, linear→10"
        }
    }

    /// The network of this kind for flat images of `pixelCount` pixels (a square number for
    /// `cnn`), its weights drawn from `seed`, in `dtype`.
    func makeModel(pixelCount: Int, seed: UInt64, dtype: DType) -> Sequential {
        switch self {
        case .mlp:
            Sequential {
                Linear(inputSize: pixelCount, outputSize: 128, seed: seed &+ 1, dtype: dtype)
                Activation.relu
                Linear(inputSize: 128, outputSize: 64, seed: seed &+ 2, dtype: dtype)
                Activation.relu
                Linear(inputSize: 64, outputSize: 10, seed: seed &+ 3, dtype: dtype)
            }
        case .cnn:
            convolutionalModel(side: Int(Double(pixelCount).squareRoot().rounded()), seed: seed, dtype: dtype)
        }
    }

    /// Flat `side`×`side` images → [N, 1, side, side] → conv 1→16 3×3 padding 1, batch
    /// norm, ReLU → 2×2 max pooling (halving each side) → conv 16→32 3×3 padding 1, batch
    /// norm, ReLU → flattened → linear → 10 class scores.
    private func convolutionalModel(side: Int, seed: UInt64, dtype: DType) -> Sequential {
        let pooledSide = side / 2
        return Sequential {
            Activation("image") { $0.reshaped(to: [$0.shape[0], 1, side, side]) }
            Conv2D(inputChannels: 1, outputChannels: 16, kernelSize: 3, padding: 1, seed: seed &+ 1, dtype: dtype)
            BatchNorm(featureCount: 16, dtype: dtype)
            Activation.relu
            MaxPool2D(kernelSize: 2)
            Conv2D(inputChannels: 16, outputChannels: 32, kernelSize: 3, padding: 1, seed: seed &+ 2, dtype: dtype)
            BatchNorm(featureCount: 32, dtype: dtype)
            Activation.relu
            Flatten()
            Linear(inputSize: 32 * pooledSide * pooledSide, outputSize: 10, seed: seed &+ 3, dtype: dtype)
        }
    }
}
