import Autograd

/// A building block of a network: a function of a batch with trainable parameters, in the
/// style of PyTorch's `nn.Module`. Layers are classes: an optimizer step or a loaded
/// checkpoint overwrites their parameters in place (`Tensor.assign(_:)`).
public protocol Layer: AnyObject {
    /// The layer applied to a batch (the first axis indexes examples).
    func callAsFunction(_ input: Tensor) -> Tensor

    /// The trainable tensors in a stable order, named as PyTorch's `state_dict()` names
    /// them (`weight`, `bias`, `0.weight` inside a `Sequential`), so checkpoints match.
    var namedParameters: [(name: String, tensor: Tensor)] { get }

    /// The state a layer keeps that is not trained (BatchNorm's running statistics), named as
    /// PyTorch's `state_dict()` names its buffers (`running_mean`, `1.running_var`), so
    /// checkpoints save and load them with the parameters. Empty unless a layer has some.
    var namedBuffers: [(name: String, tensor: Tensor)] { get }

    /// Whether the layer behaves as in training (dropout active) or in evaluation.
    var isTraining: Bool { get set }
}

extension Layer {
    /// None: most layers keep no state besides their parameters.
    public var namedBuffers: [(name: String, tensor: Tensor)] { [] }

    /// The trainable tensors, in the order of `namedParameters`, each once even when a layer
    /// is shared (as PyTorch's `parameters()`), so an optimizer steps it once.
    public var parameters: [Tensor] {
        var seen = Set<ObjectIdentifier>()
        return namedParameters.map(\.tensor).filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.scalarCount } }

    /// The gradients `backward()` accumulated in the parameters (zero where none reached a
    /// parameter, in the parameter's type), in the order of `parameters`.
    public var accumulatedGradients: [Tensor] {
        parameters.map { $0.grad ?? Tensor.zeros($0.shape, dtype: $0.dtype) }
    }

    /// Converts every parameter and buffer to `dtype` in place and returns the model, as
    /// PyTorch's `model.to(dtype)` (which leaves integer buffers alone; here BatchNorm's batch
    /// count converts too, exact up to 2²⁴ batches in float32): the parameters stay the same objects, so an optimizer keeps stepping
    /// them (its state follows their new type) and nothing is copied. Accumulated gradients are
    /// dropped, and graphs recorded before can no longer be differentiated.
    ///
    ///     let model = Sequential { ... }.convert(to: .float32)
    @discardableResult
    public func convert(to dtype: DType) -> Self {
        for parameter in parameters { parameter.convert(to: dtype) }
        for buffer in namedBuffers { buffer.tensor.convert(to: dtype) }
        return self
    }

    /// The element types of the parameters, in the order of `parameters`, each once: `[.float32]`
    /// for a float32 model, empty for a model without parameters.
    public var parameterTypes: [DType] {
        var seen = Set<DType>()
        return parameters.map(\.dtype).filter { seen.insert($0).inserted }
    }

    /// Forgets the gradients `backward()` accumulated, before the next batch.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGrad() }
    }

    /// Switches to training mode (dropout active).
    public func train() { isTraining = true }

    /// Switches to evaluation mode (dropout is the identity).
    public func eval() { isTraining = false }
}

/// The value of `loss` at `model` and its gradient with respect to every parameter of the
/// model, in the order of `model.parameters` (Flux's `withgradient(loss, model)`). As with
/// `valueWithGradient(withRespectTo:of:)`, the value and the gradients keep their graphs
/// whenever something could differentiate them (parameters that require gradients, as a
/// `Linear` layer's do, or an enclosing transform): keep `loss.scalar` in a loss history,
/// not `loss`, as PyTorch users keep `loss.item()`.
///
///     let (loss, gradients) = valueWithGradient(at: model) { model in
///         crossEntropy(logits: model(x), labels: y)
///     }
///     optimizer.update(model, along: gradients)
public func valueWithGradient<Model: Layer>(
    at model: Model, of loss: (Model) throws -> Tensor
) rethrows -> (value: Tensor, gradient: [Tensor]) {
    try valueWithGradient(withRespectTo: model.parameters) { try loss(model) }
}
