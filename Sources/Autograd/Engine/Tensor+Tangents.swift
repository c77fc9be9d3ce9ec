/// One forward-mode pass (one `jvp` call). Levels tag tangents so that the perturbations of
/// nested passes never mix: a pass only reads tangents carrying its own level.
final class ForwardLevel: Sendable {}

/// A tensor's tangent in one forward-mode pass.
struct ForwardTangent {
    let level: ForwardLevel
    let value: Tensor
}

extension Tensor {
    /// The tangent of this tensor in the pass `level`, or `nil` when it is zero.
    func tangent(at level: ForwardLevel) -> Tensor? {
        tangents.first { $0.level === level }?.value
    }

    /// Drops the tangent of a pass that has ended.
    func removeTangent(at level: ForwardLevel) {
        tangents.removeAll { $0.level === level }
    }

    /// Computes this result's tangent in every active pass from its inputs' tangents.
    ///
    /// Passes are visited outermost first, and each differential runs with only the passes
    /// outside it active: an inner pass's tangent carries outer tangents, never its own.
    func propagateTangents(
        operation: String, inputs: [Tensor], levels: [ForwardLevel],
        differential: (_ tangents: [Tensor?], _ output: Tensor) -> Tensor
    ) {
        for (depth, level) in levels.enumerated() {
            let inputTangents = inputs.map { $0.tangent(at: level) }
            guard inputTangents.contains(where: { $0 != nil }) else { continue }
            let tangent = DifferentiationContext.with({ $0.forwardLevels = Array(levels[..<depth]) }) {
                differential(inputTangents, self)
            }
            tangents.append(ForwardTangent(level: level, value: tangent.broadcastedTangent(to: shape, operation: operation)))
        }
    }

    /// This tangent at the output's shape: broadcast when a differential returned a
    /// smaller one (the tangent of one operand of `+`), trapping when it cannot fit.
    private func broadcastedTangent(to target: [Int], operation: String) -> Tensor {
        guard shape != target else { return self }
        precondition(broadcastShape(shape, target) == target,
                     "\(operation): differential returned a tangent of shape \(shape) for an output of shape \(target)")
        return broadcast(to: target)
    }
}
