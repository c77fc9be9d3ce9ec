import Autograd

/// Layers applied one after another, like PyTorch's `nn.Sequential` and Flux's `Chain`.
/// Parameters are named by position: `0.weight`, `0.bias`, `2.weight`, ...
///
///     let model = Sequential {
///         Linear(inputSize: 64, outputSize: 128, seed: 1)
///         Activation.relu
///         Linear(inputSize: 128, outputSize: 10, seed: 2)
///     }
public final class Sequential: Layer {
    /// The layers, in the order they are applied.
    public let layers: [any Layer]

    /// Layers applied in the order of the array.
    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// Layers applied in the order they are listed.
    public convenience init(@LayerBuilder _ layers: () -> [any Layer]) {
        self.init(layers())
    }

    /// Each layer applied to the previous one's output.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { output, layer in layer(output) }
    }

    /// Every layer's parameters, prefixed with the layer's position.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedParameters.map { ("\(index).\($0.name)", $0.tensor) }
        }
    }

    /// Every layer's buffers, prefixed with the layer's position.
    public var namedBuffers: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedBuffers.map { ("\(index).\($0.name)", $0.tensor) }
        }
    }

    /// Whether the layers are in training mode; setting it sets every layer's mode.
    public var isTraining = true {
        didSet { for layer in layers { layer.isTraining = isTraining } }
    }
}

/// Builds the layer list of a `Sequential` from a list of layer expressions.
@resultBuilder
public enum LayerBuilder {
    /// One listed layer.
    public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
    /// The listed layers, in order.
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    /// Layers listed under an `if` whose condition held, or none.
    public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
    /// Layers listed in the branch of an `if`/`else` that ran.
    public static func buildEither(first part: [any Layer]) -> [any Layer] { part }
    /// Layers listed in the branch of an `if`/`else` that ran.
    public static func buildEither(second part: [any Layer]) -> [any Layer] { part }
    /// Layers listed in a `for` loop.
    public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
}
