import Autograd

/// Updates a model's parameters from their gradients, one step per call:
///
///     optimizer.update(model, along: gradients)
///
/// The gradients are whatever the training loop computed (`valueWithGradient(at:of:)`, or
/// `model.accumulatedGradients` after `backward()`); the optimizer never zeroes or reads
/// `grad` behind the loop's back. To write a new optimizer, implement
/// `updateParameter(_:along:learningRate:)`.
public protocol Optimizer: AnyObject {
    /// The learning rate for each step.
    var learningRate: LearningRateSchedule { get }
    /// The number of updates made so far.
    var stepCount: Int { get set }

    /// Overwrites one parameter with its updated value (called by `update(_:along:)`, with
    /// gradient recording off and `stepCount` not yet incremented).
    func updateParameter(_ parameter: Tensor, along gradient: Tensor, learningRate: Double)
}

extension Optimizer {
    /// The learning rate the next update uses.
    public var currentLearningRate: Double { learningRate.rate(atStep: stepCount) }

    /// One step for every parameter of `model`, with `gradients` in the order of
    /// `model.parameters`.
    public func update(_ model: some Layer, along gradients: [Tensor]) {
        update(model.parameters, along: gradients)
    }

    /// One step for each parameter along its gradient. Each call is one step of the
    /// learning-rate schedule, so pass every parameter in one call.
    ///
    /// Traps when the counts, the shapes or the element types of parameters and gradients
    /// differ (the gradients `backward()` and `valueWithGradient` give have their parameter's type).
    public func update(_ parameters: [Tensor], along gradients: [Tensor]) {
        check(parameters.count == gradients.count,
                     "update(_:along:): \(parameters.count) parameters but \(gradients.count) gradients")
        for (parameter, gradient) in zip(parameters, gradients) {
            check(parameter.shape == gradient.shape,
                         "update(_:along:): a gradient of shape \(gradient.shape) for a parameter of shape \(parameter.shape)")
            check(parameter.dtype == gradient.dtype,
                  "update(_:along:): a \(gradient.dtype) gradient for a \(parameter.dtype) parameter of shape \(parameter.shape)")
        }
        let rate = currentLearningRate
        withoutGradients {
            for (parameter, gradient) in zip(parameters, gradients) {
                updateParameter(parameter, along: gradient.detached(), learningRate: rate)
            }
        }
        stepCount += 1
    }
}

/// Per-parameter optimizer state (momentum buffers, moment estimates), keyed by the
/// parameter's identity; the entry keeps its parameter alive so identities are never reused.
/// The state is read in the parameter's current type, so it follows a model converted
/// between steps (`model.convert(to:)`).
struct ParameterState<State: TypedState> {
    private var entries: [ObjectIdentifier: (parameter: Tensor, state: State)] = [:]

    /// The state of `parameter` in the parameter's type, or `nil` before its first update.
    subscript(parameter: Tensor) -> State? {
        get { entries[ObjectIdentifier(parameter)]?.state.converted(to: parameter.dtype) }
        set { entries[ObjectIdentifier(parameter)] = newValue.map { (parameter, $0) } }
    }
}

/// Optimizer state made of tensors, which can be read in another element type.
protocol TypedState {
    /// The same state with every tensor in `dtype`.
    func converted(to dtype: DType) -> Self
}

extension Tensor: TypedState {}
