import Autograd

/// Inverted dropout: in training, each element is zeroed with probability `probability` and
/// the survivors are scaled by 1/(1 − p), so evaluation (the identity) needs no rescaling.
/// The masks come from a seeded generator, so runs repeat exactly, and are drawn in the input's
/// type, so a float32 batch stays float32.
///
///     y = x ⊙ m/(1 − p),  mᵢ ~ Bernoulli(1 − p)      ∂y/∂x = m/(1 − p)
public final class Dropout: Layer {
    /// The probability of zeroing an element.
    public let probability: Double
    /// Whether the layer drops elements (training) or passes its input through (evaluation).
    public var isTraining = true
    private var generator: SplitMix64

    /// A dropout layer zeroing elements with `probability`, its masks drawn from `seed`.
    public init(probability: Double, seed: UInt64) {
        check((0..<1).contains(probability), "Dropout: probability must be in [0, 1), got \(probability)")
        self.probability = probability
        generator = SplitMix64(seed: seed)
    }

    /// The input with a fresh random mask applied in training, or unchanged in evaluation.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining && probability > 0 else { return input }
        let draws = Tensor.randomUniform(input.shape, seed: generator.next(), dtype: input.dtype)
        return input * ((draws .>= probability) / (1 - probability))
    }

    /// None: dropout has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }
}
