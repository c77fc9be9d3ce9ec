import Autograd
import Foundation

/// How a layer's initial weights are drawn.
public enum Initialization: Sendable {
    /// He (Kaiming) normal, for ReLU networks: N(0, 2/fanIn).
    case he
    /// Xavier/Glorot uniform, for tanh and sigmoid networks: U(±√(6/(fanIn + fanOut))).
    case glorot

    /// A `[fanOut, fanIn]` weight matrix drawn from this distribution, in `dtype` (float32
    /// holds the float64 draws rounded, so both types start from the same numbers).
    func weight(fanIn: Int, fanOut: Int, seed: UInt64, dtype: DType) -> Tensor {
        switch self {
        case .he:
            return Tensor.randomNormal(
                [fanOut, fanIn], standardDeviation: (2 / Double(fanIn)).squareRoot(), seed: seed, dtype: dtype)
        case .glorot:
            let bound = (6 / Double(fanIn + fanOut)).squareRoot()
            return Tensor.randomUniform([fanOut, fanIn], in: -bound..<bound, seed: seed, dtype: dtype)
        }
    }
}

/// A fully connected layer, `y = x·Wᵀ + b`, with PyTorch's layout: `weight` is
/// `[outputSize, inputSize]`, `bias` is `[outputSize]`, so `nn.Linear` weights load as they are.
/// Its parameters have the type given at creation (float64 by default); feed it batches of that
/// type, since a float64 batch into a float32 layer computes in float64 (mixed operands promote).
public final class Linear: Layer {
    /// The weight matrix, `[outputSize, inputSize]`.
    public let weight: Tensor
    /// The bias vector, `[outputSize]`, or `nil` for a layer without bias.
    public let bias: Tensor?
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer from `inputSize` to `outputSize` features with weights drawn from
    /// `initialization` with `seed`, and a zero bias unless `hasBias` is false, both in `dtype`.
    public init(
        inputSize: Int, outputSize: Int, initialization: Initialization = .he, hasBias: Bool = true, seed: UInt64,
        dtype: DType = .float64
    ) {
        check(inputSize > 0 && outputSize > 0,
                     "Linear: sizes must be positive, got inputSize \(inputSize), outputSize \(outputSize)")
        weight = initialization.weight(fanIn: inputSize, fanOut: outputSize, seed: seed, dtype: dtype).requiringGradient()
        bias = hasBias ? Tensor.zeros([outputSize], dtype: dtype).requiringGradient() : nil
    }

    /// The number of input features.
    public var inputSize: Int { weight.shape[1] }
    /// The number of output features.
    public var outputSize: Int { weight.shape[0] }

    /// `x·Wᵀ + b` for a batch `x` of shape `[batch, inputSize]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        check(input.rank == 2 && input.shape[1] == inputSize,
                     "Linear: expects input of shape [batch, \(inputSize)], got \(input.shape)")
        let product = matmul(input, weight, transposingB: true)
        return bias.map { product + $0 } ?? product
    }

    /// `weight`, then `bias` when present.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
