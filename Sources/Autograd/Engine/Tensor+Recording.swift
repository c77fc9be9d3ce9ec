extension Tensor {
    /// The result of a primitive operation: its value, and both derivative rules, which the
    /// engine attaches as the context asks (a graph node for reverse mode when an input
    /// requires gradients, tangents for each active forward-mode pass).
    ///
    /// - Parameters:
    ///   - pullback: the VJP, one cotangent (or `nil`) per input; it may skip the inputs
    ///     whose cotangents the running pass does not need. Evaluated only when a node is
    ///     recorded, so an unrecorded operation allocates no closure for it.
    ///   - differential: the JVP, from the inputs' tangents (`nil` meaning zero) to the
    ///     output's tangent.
    static func primitive(
        _ operation: String, shape: [Int], storage: TensorStorage, inputs: @autoclosure () -> [Tensor],
        pullback: @autoclosure () -> Pullback,
        differential: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor
    ) -> Tensor {
        recorded(operation, shape: shape, storage: storage, inputs: inputs(), rule: .general(pullback()), differential: differential)
    }

    /// The result of an elementwise unary primitive (same shape as its input).
    static func unary(
        _ operation: String, _ x: Tensor, storage: TensorStorage,
        pullback: @autoclosure () -> UnaryPullback,
        differential: (_ tangent: Tensor, _ output: Tensor) -> Tensor
    ) -> Tensor {
        recorded(
            operation, shape: x.shape, storage: storage, inputs: [x], rule: .unary(pullback()),
            differential: { tangents, output in differential(tangents[0]!, output) })
    }

    /// A new tensor holding `storage`, with a node when an input is differentiated here and
    /// tangents for each active forward-mode pass. Where neither can be (a backward pass that
    /// records nothing, `withoutGradients`) and no anomaly detection runs, the inputs and the
    /// rule are never even built. Inside `withAnomalyDetection` the result is checked for NaN
    /// and ±∞, and a node keeps the call stack of the operation's caller.
    private static func recorded(
        _ operation: String, shape: [Int], storage: TensorStorage, inputs: @autoclosure () -> [Tensor],
        rule: @autoclosure () -> BackwardRule, differential: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor
    ) -> Tensor {
        let result = Tensor(shape: shape, storage: storage)
        let context = DifferentiationContext.current
        let anomalyDetection = AnomalyDetection.inThisTask
        guard context.isRecording || !context.forwardLevels.isEmpty || anomalyDetection != nil else { return result }
        let inputs = inputs()
        anomalyDetection?.checkOutput(of: operation, inputs: inputs, output: result)
        if context.isRecording && inputs.contains(where: context.isDifferentiable) {
            let node = Node(operation: operation, inputs: inputs, rule: rule())
            if let anomalyDetection { node.callStack = anomalyDetection.callStackForNode() }
            result.node = node
        }
        if !context.forwardLevels.isEmpty {
            result.propagateTangents(
                operation: operation, inputs: inputs, levels: context.forwardLevels,
                anomalyDetection: anomalyDetection, differential: differential)
        }
        return result
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
