import Autograd

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight
/// decay, with PyTorch's `torch.optim.SGD` semantics (no dampening). The momentum buffers are
/// kept in each parameter's type.
///
///     g ← ∇ + λθ;   b ← μb + g (b = g at the first step);   d = g + μb (Nesterov) or b;   θ ← θ − η·d
public final class SGD: Optimizer {
    /// The learning rate for each step.
    public let learningRate: LearningRateSchedule
    /// The momentum factor μ (0 for plain gradient descent).
    public let momentum: Double
    /// Whether the step looks ahead along the momentum (Nesterov).
    public let nesterov: Bool
    /// The L2 penalty λ added to the gradient.
    public let weightDecay: Double
    /// The number of updates made so far.
    public var stepCount = 0
    private var velocities = ParameterState<Tensor>()

    /// An optimizer with the given rate, momentum, Nesterov flag and weight decay.
    public init(learningRate: LearningRateSchedule, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
        check(momentum >= 0 && weightDecay >= 0,
                     "SGD: momentum (\(momentum)) and weightDecay (\(weightDecay)) must not be negative")
        check(!nesterov || momentum > 0, "SGD: Nesterov momentum needs momentum > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    /// θ ← θ − η·d, with d as in the type's formula.
    public func updateParameter(_ parameter: Tensor, along gradient: Tensor, learningRate: Double) {
        let decayed = weightDecay == 0 ? gradient : gradient + weightDecay * parameter
        var direction = decayed
        if momentum > 0 {
            let velocity = velocities[parameter].map { momentum * $0 + decayed } ?? decayed
            velocities[parameter] = velocity
            direction = nesterov ? decayed + momentum * velocity : velocity
        }
        parameter.add(direction, scaledBy: -learningRate)
    }
}
