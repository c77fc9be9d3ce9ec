extension Tensor {
    /// Replaces the gradient `backward()` accumulated with `transform(grad)`, when there is
    /// one; nothing happens without one. Gradient clipping scales and clamps gradients this way.
    ///
    /// Traps when the new gradient's shape or element type differs from this tensor's.
    package func updateGradient(_ transform: (Tensor) -> Tensor) {
        guard let grad else { return }
        let updated = transform(grad)
        check(updated.shape == shape && updated.dtype == dtype, """
            updateGradient: a \(updated.dtype) gradient of shape \(updated.shape) cannot replace the gradient of \
            a \(dtype) tensor of shape \(shape)
            """)
        self.grad = updated
    }
}
