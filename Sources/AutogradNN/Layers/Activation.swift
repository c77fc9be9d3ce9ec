import Autograd

/// A parameterless layer that applies a function to its input: an activation in a
/// `Sequential`, like PyTorch's `nn.ReLU()`.
///
///     Sequential { Linear(inputSize: 2, outputSize: 16, seed: 0); Activation.tanh; ... }
public final class Activation: Layer {
    /// The function's name, for descriptions.
    public let name: String
    private let function: (Tensor) -> Tensor
    /// Whether the layer is in training mode (it behaves the same in both).
    public var isTraining = true

    /// A layer that applies `function`, called `name`.
    public init(_ name: String, _ function: @escaping (Tensor) -> Tensor) {
        self.name = name
        self.function = function
    }

    /// `function(input)`.
    public func callAsFunction(_ input: Tensor) -> Tensor { function(input) }

    /// None: an activation has no parameters.
    public var namedParameters: [(name: String, tensor: Tensor)] { [] }

    /// max(x, 0).
    public static var relu: Activation { Activation("relu", Autograd.relu) }
    /// tanh x.
    public static var tanh: Activation { Activation("tanh", Autograd.tanh) }
    /// 1/(1 + e⁻ˣ).
    public static var sigmoid: Activation { Activation("sigmoid", Autograd.sigmoid) }
    /// x·σ(x) (swish).
    public static var silu: Activation { Activation("silu") { AutogradNN.silu($0) } }
    /// x·Φ(x), exact.
    public static var gelu: Activation { Activation("gelu") { AutogradNN.gelu($0) } }
    /// The softmax along the last axis.
    public static var softmax: Activation { Activation("softmax") { Autograd.softmax($0) } }
    /// The log-softmax along the last axis.
    public static var logSoftmax: Activation { Activation("logSoftmax") { Autograd.logSoftmax($0) } }
}
