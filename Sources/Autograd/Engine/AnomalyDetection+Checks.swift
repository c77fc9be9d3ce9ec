// The three checks of anomaly detection, called by the engine only inside a scope: an
// operation's output (from `Tensor.recorded`), a pullback's cotangents (from
// `Backpropagation.propagate`) and a differential's tangent (from `propagateTangents`). Each
// reports only a first producer: non-finite results from inputs that were all finite.

extension AnomalyDetection {
    /// Reports `operation` when its output is non-finite and its inputs are finite. Skipped
    /// inside a rule, whose results are checked as a whole.
    func checkOutput(of operation: String, inputs: [Tensor], output: Tensor) {
        guard runningRule == nil, !output.isFinite, inputs.allSatisfy(\.isFinite), log.wantsReport(of: .forward) else { return }
        log.report(Anomaly(
            .forward, operation: operation, inputs: inputs, output: output,
            result: "the output", values: output, callStack: CallStack()))
    }

    /// Runs `step`, one backward step through `node`, marked as the node's pullback, with
    /// `deliver` watched: reports the node when a cotangent comes out non-finite although
    /// the node's inputs and the incoming `cotangent` are finite. The report's call stack is
    /// the node's own, captured when the operation was recorded.
    func watchingPullback(
        of node: Node, output: Tensor, cotangent: Tensor, deliver: (_ cotangent: Tensor, _ input: Tensor) -> Void,
        step: (_ deliver: (_ cotangent: Tensor, _ input: Tensor) -> Void) -> Void
    ) {
        let inputs = node.inputs
        let isWatched = cotangent.isFinite && inputs.allSatisfy(\.isFinite)
        var firstNonFinite: (input: Int, cotangent: Tensor)?
        let insideRule = AnomalyDetection(log: log, runningRule: (ObjectIdentifier(node), node.callStack))
        // `deliver` is called only while `step` runs (Swift asks for this to pass it on).
        withoutActuallyEscaping(deliver) { deliver in
            AnomalyDetection.$scope.withValue(insideRule) {
                step { inputCotangent, input in
                    if isWatched && firstNonFinite == nil && !inputCotangent.isFinite,
                       let index = inputs.firstIndex(where: { $0 === input }) {
                        firstNonFinite = (index, inputCotangent)
                    }
                    deliver(inputCotangent, input)
                }
            }
        }
        guard let firstNonFinite, log.wantsReport(of: .pullback) else { return }
        log.report(Anomaly(
            .pullback, operation: node.operation, inputs: inputs, output: output,
            result: "the cotangent of input \(firstNonFinite.input)", values: firstNonFinite.cotangent, callStack: node.callStack))
    }

    /// The detection to run a differential under: its operations are not checked one by one.
    func insideDifferential() -> AnomalyDetection {
        AnomalyDetection(log: log, runningRule: (nil, runningRule?.callStack))
    }

    /// Reports `operation`'s differential when the output's `tangent` is non-finite although
    /// the operation's inputs and their tangents are finite.
    func checkTangent(_ tangent: Tensor, of operation: String, inputs: [Tensor], inputTangents: [Tensor?], output: Tensor) {
        guard !tangent.isFinite, inputs.allSatisfy(\.isFinite), inputTangents.allSatisfy({ $0?.isFinite ?? true }),
              log.wantsReport(of: .differential) else { return }
        log.report(Anomaly(
            .differential, operation: operation, inputs: inputs, output: output,
            result: "the tangent of the output", values: tangent, callStack: runningRule?.callStack ?? CallStack()))
    }
}

extension Anomaly {
    /// The report of `stage` of `operation` on `inputs`, whose `result` (`values`) is non-finite.
    init(
        _ stage: Stage, operation: String, inputs: [Tensor], output: Tensor, result: String, values: Tensor,
        callStack: CallStack?
    ) {
        let nonFinite = Kernels.nonFiniteValues(of: values.storage)
        self.init(
            stage: stage, operation: operation, inputShapes: inputs.map(\.shape), outputShape: output.shape,
            result: result, nonFiniteCount: nonFinite.count, valueCount: values.scalarCount,
            firstNonFiniteValue: nonFinite.first ?? .nan, callStack: callStack?.userFrames() ?? [])
    }
}
