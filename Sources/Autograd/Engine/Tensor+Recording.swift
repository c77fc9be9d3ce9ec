extension Tensor {
    /// The result of a primitive operation: its value, and both derivative rules, which the
    /// engine attaches as the context asks (a graph node for reverse mode when an input
    /// requires gradients, tangents for each active forward-mode pass).
    ///
    /// - Parameters:
    ///   - pullback: the VJP, one cotangent (or `nil`) per input; it may skip the inputs
    ///     whose cotangents the running pass does not need.
    ///   - differential: the JVP, from the inputs' tangents (`nil` meaning zero) to the
    ///     output's tangent.
    static func primitive(
        _ operation: String, shape: [Int], storage: TensorStorage, inputs: [Tensor],
        pullback: @escaping Pullback,
        differential: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor
    ) -> Tensor {
        let result = Tensor(shape: shape, storage: storage)
        let context = DifferentiationContext.current
        if context.isRecording && inputs.contains(where: context.isDifferentiable) {
            result.node = Node(operation: operation, inputs: inputs, pullback: pullback)
        }
        if !context.forwardLevels.isEmpty {
            result.propagateTangents(
                operation: operation, inputs: inputs, levels: context.forwardLevels, differential: differential)
        }
        return result
    }

    /// The result of an elementwise unary primitive (same shape as its input).
    static func unary(
        _ operation: String, _ x: Tensor, storage: TensorStorage,
        pullback: @escaping (_ cotangent: Tensor, _ output: Tensor) -> Tensor,
        differential: (_ tangent: Tensor, _ output: Tensor) -> Tensor
    ) -> Tensor {
        primitive(
            operation, shape: x.shape, storage: storage, inputs: [x],
            pullback: { cotangent, output, _ in [pullback(cotangent, output)] },
            differential: { tangents, output in differential(tangents[0]!, output) })
    }
}

/// The sum of the terms that are present: a differential's contributions from the inputs
/// that have tangents (at least one does whenever a differential runs).
func sumOfTerms(_ first: Tensor?, _ second: Tensor?) -> Tensor {
    switch (first, second) {
    case let (first?, second?): first + second
    case let (first?, nil): first
    case let (nil, second): second!
    }
}
