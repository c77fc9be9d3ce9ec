// Residuals with derivatives. A custom rule's pullback or differential that reads a
// residual is itself differentiated at higher order (Hessian-vector products, a gradient
// of a gradient); the residual's own derivative with respect to the inputs is then needed.
// JAX gets it by differentiating through the forward function; so does this file, lazily.

extension CustomDerivative {
    /// Residual `index` as a tensor joined to the rule's inputs: in each perturbed forward
    /// pass it carries the tangent the forward computation gave it (marked undefined when it
    /// gave none), and in reverse mode its pullback differentiates through `forward` again,
    /// only if a higher-order pass ever reaches it.
    func differentiableResidual(
        _ index: Int, of raw: Tensor, inputs: [Tensor], perturbedLevels: [ForwardLevel]
    ) -> Tensor {
        let residual = Tensor(shape: raw.shape, storage: raw.storage)
        let description = "residual \(index) of custom rule '\(name)'"
        let missingDerivative = """
            \(description): a higher-order derivative reads it, but the forward computation returned it without \
            a derivative (rebuilt from raw values, or constant); compute it from rule.inputs inside the rule \
            with Tensor operations instead
            """
        let context = DifferentiationContext.current
        if context.isRecording && inputs.contains(where: context.isDifferentiable) {
            residual.node = Node(operation: description, inputs: inputs) { cotangent, _, _ in
                let (recomputed, pullback) = valueWithPullback(at: inputs) { forward($0).residuals[index] }
                // The inputs' private copies require gradients, so anything computed from them does.
                check(recomputed.requiresGrad, missingDerivative)
                return pullback(cotangent)
            }
        }
        for level in perturbedLevels {
            if level.hasTangent(raw) {
                level.copyTangent(of: raw, to: residual)
            } else {
                level.markTangentUndefined(of: residual, because: missingDerivative)
            }
        }
        return residual
    }
}
