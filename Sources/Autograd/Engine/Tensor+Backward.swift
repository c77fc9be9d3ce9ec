extension Tensor {
    /// Computes the gradient of this scalar with respect to every leaf that requires
    /// gradients, adding it to their `grad` (PyTorch's `loss.backward()`).
    ///
    /// - Parameters:
    ///   - retainingGraph: keep the graph for another `backward()`; by default it is freed.
    ///   - creatingGraph: record the backward pass, so the gradients can be differentiated
    ///     again (implies `retainingGraph`). As in PyTorch, each leaf's `grad` then holds a
    ///     graph that refers back to the leaf; call `zeroGrad()` when done to free both.
    public func backward(retainingGraph: Bool = false, creatingGraph: Bool = false) {
        check(scalarCount == 1,
                     "backward(): the output has shape \(shape); a non-scalar output needs backward(seed:) with a seed of that shape")
        backward(seed: filled(with: 1), retainingGraph: retainingGraph, creatingGraph: creatingGraph)
    }

    /// Computes the vector-Jacobian product of `seed` with this tensor's Jacobian with
    /// respect to every leaf that requires gradients, adding it to their `grad`.
    ///
    /// Traps when `seed` differs in shape from this tensor or nothing here requires gradients.
    public func backward(seed: Tensor, retainingGraph: Bool = false, creatingGraph: Bool = false) {
        check(seed.shape == shape, "backward(seed:): the seed has shape \(seed.shape) but the output has shape \(shape)")
        check(requiresGrad, "backward(): the tensor of shape \(shape) does not depend on any tensor that requires gradients; mark inputs with requiringGradient() before computing it")
        Backpropagation.accumulateGradients(
            from: self, seed: seed, creatingGraph: creatingGraph, retainingGraph: retainingGraph || creatingGraph)
    }
}
