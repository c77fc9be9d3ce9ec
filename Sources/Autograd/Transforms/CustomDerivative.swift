/// What a custom rule sees: the inputs as the caller passed them, the output, and the
/// residuals the forward computation saved for the rules.
///
/// Write rules in `Tensor` ops on `inputs`, `output` and `residuals` to keep them
/// differentiable again (higher order through the rule). The residuals carry derivatives
/// too: when a rule that reads them is differentiated again, the library differentiates
/// through `forward` (as JAX does): inside `jvp`, `forward` runs on the live inputs, so the
/// residuals carry tangents; in reverse mode, a higher-order pass that reaches a residual
/// runs `forward` again with recording. A residual with no derivative at all (rebuilt from
/// raw values, or constant) traps at higher order, naming the rule and the residual, rather
/// than counting as constant. A residual that mixes `Tensor` operations with values rebuilt
/// from raw numbers is differentiated through its `Tensor` operations only, like any code:
/// write `forward` in `Tensor` operations when the rule will be differentiated again.
public struct CustomRuleContext {
    /// The function's inputs, carrying their graphs and tangents.
    public let inputs: [Tensor]
    /// The function's output.
    public let output: Tensor
    /// What the forward computation saved for the rules.
    public let residuals: [Tensor]
}

/// A differentiable function made of a forward computation and hand-written derivative
/// rules, like PyTorch's `autograd.Function` or JAX's `custom_vjp` / `custom_jvp`. The
/// forward computation is opaque to first-order reverse mode: it is not recorded, so it may
/// be any algorithm (an iteration, a solver). It runs once per call; inside `jvp` it runs on
/// the live inputs (carrying tangents), so that residuals used at higher order can be
/// differentiated through it.
///
///     let mySin = CustomDerivative("mySin",
///         forward: { x in (value: sin(x[0]), residuals: []) },
///         pullback: { cotangent, rule in [cotangent * cos(rule.inputs[0])] },
///         differential: { tangents, rule in tangents[0] * cos(rule.inputs[0]) })
///     let report = checkGradients(at: x) { mySin($0) }   // verify both rules
///
/// Give a pullback for reverse mode, a differential for forward mode, or both. Using the
/// missing one traps with a message naming the function.
public struct CustomDerivative {
    /// The name messages use.
    public let name: String
    let forward: ([Tensor]) -> (value: Tensor, residuals: [Tensor])
    private let pullback: ((_ cotangent: Tensor, _ rule: CustomRuleContext) -> [Tensor?])?
    private let differential: ((_ tangents: [Tensor], _ rule: CustomRuleContext) -> Tensor)?

    /// A custom function named `name`.
    ///
    /// - Parameters:
    ///   - name: names the function in trap messages and on its node in the recorded graph
    ///     (`custom rule 'name'`).
    ///   - forward: the value and any residuals, from the inputs' values.
    ///   - pullback: the VJP, one cotangent per input (`nil` for an input that needs none).
    ///   - differential: the JVP, from one tangent per input (zeros where an input has none).
    public init(
        _ name: String,
        forward: @escaping ([Tensor]) -> (value: Tensor, residuals: [Tensor]),
        pullback: ((_ cotangent: Tensor, _ rule: CustomRuleContext) -> [Tensor?])? = nil,
        differential: ((_ tangents: [Tensor], _ rule: CustomRuleContext) -> Tensor)? = nil
    ) {
        self.name = name
        self.forward = forward
        self.pullback = pullback
        self.differential = differential
    }

    /// Applies the function, attaching its rules to the result.
    public func callAsFunction(_ inputs: [Tensor]) -> Tensor {
        let context = DifferentiationContext.current
        // Inside `jvp` the forward computation runs on the live inputs, so that the residuals
        // carry tangents (recorded where the context records, for reverse over forward);
        // elsewhere it sees values only and records nothing. Either way it runs once.
        let perturbedLevels = context.forwardLevels.filter { level in inputs.contains(where: level.hasTangent) }
        let (value, rawResiduals) = perturbedLevels.isEmpty
            ? DifferentiationContext.with({ $0.isRecording = false; $0.forwardLevels = [] }) { forward(inputs.map { $0.detached() }) }
            : forward(inputs)
        let residuals = rawResiduals.indices.map { index in
            differentiableResidual(index, of: rawResiduals[index], inputs: inputs, perturbedLevels: perturbedLevels)
        }
        let operation = "custom rule '\(name)'"
        return Tensor.primitive(
            operation, shape: value.shape, storage: value.storage, inputs: inputs,
            pullback: { [name, pullback] cotangent, output, _ in
                guard let pullback else {
                    checkFailed("\(operation): no pullback was given, so reverse mode (gradient, backward, vjp) cannot differentiate '\(name)'")
                }
                return pullback(cotangent, CustomRuleContext(inputs: inputs, output: output, residuals: residuals))
            },
            differential: { tangents, output in
                guard let differential else {
                    checkFailed("\(operation): no differential was given, so forward mode (jvp) cannot differentiate '\(name)'")
                }
                let rule = CustomRuleContext(inputs: inputs, output: output, residuals: residuals)
                let tangent = differential(zip(tangents, inputs).map { $0 ?? $1.filled(with: 0) }, rule)
                check(tangent.shape == output.shape,
                      "\(operation): differential returned a tangent of shape \(tangent.shape) for an output of shape \(output.shape)")
                return tangent
            })
    }

    /// Applies the function to the given inputs.
    public func callAsFunction(_ inputs: Tensor...) -> Tensor { callAsFunction(inputs) }
}
