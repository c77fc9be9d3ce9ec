import Foundation
import Autograd

/// Adam (Kingma & Ba, 2015) with PyTorch's `torch.optim.Adam` semantics: bias-corrected
/// first and second moment estimates, and weight decay as an L2 term in the gradient. The
/// moments are kept in each parameter's type.
///
///     g ← ∇ + λθ;   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²
///     θ ← θ − (η/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε)
public class Adam: Optimizer {
    /// The learning rate for each step.
    public let learningRate: LearningRateSchedule
    /// The decay rate β₁ of the first moment estimate.
    public let beta1: Double
    /// The decay rate β₂ of the second moment estimate.
    public let beta2: Double
    /// The term ε added to the denominator.
    public let epsilon: Double
    /// The weight decay λ.
    public let weightDecay: Double
    /// The number of updates made so far.
    public var stepCount = 0
    private let decouplesWeightDecay: Bool
    private var moments = ParameterState<Moments>()

    /// One parameter's moment estimates and its own step count (as PyTorch's `state['step']`),
    /// so a parameter first updated late still gets the first step's bias correction.
    private struct Moments: TypedState {
        var first: Tensor
        var second: Tensor
        var step: Int

        func converted(to dtype: DType) -> Moments {
            Moments(first: first.converted(to: dtype), second: second.converted(to: dtype), step: step)
        }
    }

    /// Adam with the given rate, moment decay rates, ε, and L2 weight decay.
    public convenience init(
        learningRate: LearningRateSchedule = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0
    ) {
        self.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                  weightDecay: weightDecay, decouplesWeightDecay: false)
    }

    init(
        learningRate: LearningRateSchedule, beta1: Double, beta2: Double, epsilon: Double,
        weightDecay: Double, decouplesWeightDecay: Bool
    ) {
        check((0..<1).contains(beta1) && (0..<1).contains(beta2),
                     "Adam: beta1 (\(beta1)) and beta2 (\(beta2)) must be in [0, 1)")
        check(epsilon >= 0 && weightDecay >= 0,
                     "Adam: epsilon (\(epsilon)) and weightDecay (\(weightDecay)) must not be negative")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decouplesWeightDecay = decouplesWeightDecay
    }

    /// One Adam step for `parameter`, as in the type's formula.
    public func updateParameter(_ parameter: Tensor, along gradient: Tensor, learningRate: Double) {
        var decayedParameter = parameter, decayedGradient = gradient
        if weightDecay > 0 {
            if decouplesWeightDecay {
                decayedParameter = parameter * (1 - learningRate * weightDecay)
            } else {
                decayedGradient = gradient + weightDecay * parameter
            }
        }
        let zero = Tensor.zeros(parameter.shape, dtype: parameter.dtype)
        let previous = moments[parameter] ?? Moments(first: zero, second: zero, step: 0)
        // PyTorch's operations in PyTorch's order (`_single_tensor_adam`): `lerp_` for the first
        // moment, `mul_(β₂).addcmul_(g, g, value: 1 − β₂)` for the second, `bias_correction2 ** 0.5`,
        // and `addcdiv_(m, denominator, value: −stepSize)`, which scales m before dividing.
        // PyTorch fuses the multiply-adds (on CPUs with FMA) and its square root is not always
        // correctly rounded, so the last bits can still differ (OptimizerTests measures by how much).
        let first = previous.first + (1 - beta1) * (decayedGradient - previous.first)
        let second = previous.second * beta2 + ((1 - beta2) * decayedGradient) * decayedGradient
        moments[parameter] = Moments(first: first, second: second, step: previous.step + 1)
        let step = Double(previous.step + 1)
        let stepSize = learningRate / (1 - Foundation.pow(beta1, step))
        let denominator = sqrt(second) / Foundation.pow(1 - Foundation.pow(beta2, step), 0.5) + epsilon
        parameter.assign(decayedParameter + (-stepSize * first) / denominator)
    }
}

/// AdamW (Loshchilov & Hutter, 2019), PyTorch's `torch.optim.AdamW`: Adam with the weight
/// decay applied to the parameters directly instead of through the gradient.
///
///     θ ← θ(1 − ηλ), then the Adam step without the L2 term
public final class AdamW: Adam {
    /// AdamW with the given rate, moment decay rates, ε, and decoupled weight decay.
    public init(
        learningRate: LearningRateSchedule = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0.01
    ) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, decouplesWeightDecay: true)
    }
}
