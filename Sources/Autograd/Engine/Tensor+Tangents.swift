/// One forward-mode pass (one `jvp` call) and the tangents of the tensors computed in it.
///
/// Levels tag tangents so that the perturbations of nested passes never mix: a pass only
/// reads its own table. The table belongs to the level, not to the tensors: a tangent's
/// graph may hold its primal (the rule of `exp` is ẋ·y), so a tangent stored on its primal
/// would form a reference cycle. Primals are held weakly and the table dies with the pass.
///
/// A level is used only by the task or thread running its `jvp`; it crosses into the
/// task-local context but is never shared between threads, hence `@unchecked Sendable`.
final class ForwardLevel: @unchecked Sendable {
    private struct Entry {
        weak var primal: Tensor?
        /// The tangent, or `nil` when it is undefined (`undefinedReasons` says why).
        let tangent: Tensor?
    }

    private var entries: [ObjectIdentifier: Entry] = [:]
    /// Why each undefined tangent cannot be computed; apart from `entries`, so the common
    /// entry stays two references wide.
    private var undefinedReasons: [ObjectIdentifier: String] = [:]
    /// The table size after the last sweep of dead primals; sweeps are amortised O(1).
    private var sizeAfterSweep = 0

    /// The tangent of `tensor` in this pass, or `nil` when it is zero.
    ///
    /// Traps when the tangent was marked undefined: a derivative that cannot be computed is
    /// never read as zero.
    func tangent(of tensor: Tensor) -> Tensor? {
        let id = ObjectIdentifier(tensor)
        guard let entry = entries[id], entry.primal === tensor else { return nil }
        guard let tangent = entry.tangent else { checkFailed(undefinedReasons[id] ?? "undefined tangent") }
        return tangent
    }

    /// Whether `tensor` has a tangent in this pass, defined or not (never traps).
    func hasTangent(_ tensor: Tensor) -> Bool {
        entries[ObjectIdentifier(tensor)]?.primal === tensor
    }

    /// Gives `target` the tangent of `source` in this pass, defined or not (never traps).
    func copyTangent(of source: Tensor, to target: Tensor) {
        let id = ObjectIdentifier(source)
        guard let entry = entries[id], entry.primal === source else { return }
        if let tangent = entry.tangent {
            setTangent(tangent, of: target)
        } else {
            markTangentUndefined(of: target, because: undefinedReasons[id] ?? "undefined tangent")
        }
    }

    /// Records the tangent of `tensor` in this pass.
    func setTangent(_ tangent: Tensor, of tensor: Tensor) {
        store(Entry(primal: tensor, tangent: tangent), for: tensor)
    }

    /// Records that the tangent of `tensor` in this pass exists but cannot be computed, so
    /// that any operation reading it traps with `reason` instead of taking it as zero.
    func markTangentUndefined(of tensor: Tensor, because reason: String) {
        undefinedReasons[ObjectIdentifier(tensor)] = reason
        store(Entry(primal: tensor, tangent: nil), for: tensor)
    }

    private func store(_ entry: Entry, for tensor: Tensor) {
        if entries.count > 2 * sizeAfterSweep + 1_024 {
            entries = entries.filter { $0.value.primal != nil }
            if !undefinedReasons.isEmpty { undefinedReasons = undefinedReasons.filter { entries[$0.key] != nil } }
            sizeAfterSweep = entries.count
        }
        entries[ObjectIdentifier(tensor)] = entry
    }
}

extension Tensor {
    /// Computes this result's tangent in every active pass from its inputs' tangents.
    ///
    /// Passes are visited outermost first, and each differential runs with only the passes
    /// outside it active: an inner pass's tangent carries outer tangents, never its own.
    /// Inside `withAnomalyDetection` (`anomalyDetection`), each tangent is checked for NaN and ±∞.
    func propagateTangents(
        operation: String, inputs: [Tensor], levels: [ForwardLevel], anomalyDetection: AnomalyDetection?,
        differential: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor
    ) {
        for (depth, level) in levels.enumerated() {
            let inputTangents = inputs.map { level.tangent(of: $0) }
            guard inputTangents.contains(where: { $0 != nil }) else { continue }
            let tangent = DifferentiationContext.with({ $0.forwardLevels = Array(levels[..<depth]) }) {
                guard let anomalyDetection else { return differential(inputTangents, self) }
                return AnomalyDetection.$scope.withValue(anomalyDetection.insideDifferential()) { differential(inputTangents, self) }
            }
            let outputTangent = tangent.broadcastedTangent(to: shape, operation: operation).converted(to: dtype)
            anomalyDetection?.checkTangent(outputTangent, of: operation, inputs: inputs, inputTangents: inputTangents, output: self)
            level.setTangent(outputTangent, of: self)
        }
    }

    /// This tangent at the output's shape: broadcast when a differential returned a
    /// smaller one (the tangent of one operand of `+`), trapping when it cannot fit.
    private func broadcastedTangent(to target: [Int], operation: String) -> Tensor {
        guard shape != target else { return self }
        check(broadcastShape(shape, target) == target,
                     "\(operation): differential returned a tangent of shape \(shape) for an output of shape \(target)")
        return broadcast(to: target)
    }
}
