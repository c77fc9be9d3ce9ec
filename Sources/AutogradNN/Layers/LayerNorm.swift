import Autograd

/// Layer normalisation over the trailing `normalizedShape` axes of each example, PyTorch's
/// `nn.LayerNorm`: standardised with the slice's mean and biased variance, then scaled by
/// `weight` (ones) and shifted by `bias` (zeros), both of `normalizedShape`, when
/// `elementwiseAffine`. It behaves the same in training and evaluation.
///
///     y = (x − μ)/√(σ² + ε) ⊙ γ + β
public final class LayerNorm: Layer {
    /// The trailing shape each slice has.
    public let normalizedShape: [Int]
    /// The constant added to the variance before the square root.
    public let eps: Double
    /// The elementwise scale γ, or `nil` without an affine step.
    public let weight: Tensor?
    /// The elementwise shift β, or `nil` without an affine step.
    public let bias: Tensor?
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer normalising slices of `normalizedShape`, its tensors in `dtype`.
    public init(normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, dtype: DType = .float64) {
        check(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
              "LayerNorm: normalizedShape must be non-empty with positive sizes, got \(normalizedShape)")
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? Tensor.ones(normalizedShape, dtype: dtype).requiringGradient() : nil
        bias = elementwiseAffine ? Tensor.zeros(normalizedShape, dtype: dtype).requiringGradient() : nil
    }

    /// Each trailing slice of `input` normalised; see `layerNorm(_:normalizedShape:weight:bias:eps:)`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// `weight`, then `bias`, when affine.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        (weight.map { [("weight", $0)] } ?? []) + (bias.map { [("bias", $0)] } ?? [])
    }
}
