// Unfolding sliding windows into columns and folding them back. Two primitives, each the
// other's transpose (both are linear), so each one's rules are the other and derivatives of
// every order follow.

// MARK: - im2col

extension Tensor {
    /// The sliding windows of this NCHW image as columns of shape
    /// `[C·kh·kw, N·outH·outW]` (see `WindowGeometry`):
    ///
    ///     cols[(c, i, j), (n, p, q)] = x[n, c, p·s + i·d − pad, q·s + j·d − pad]   (0 in the padding)
    ///     x̄ = col2im(cols̄)          cols̊ = im2col(ẋ)
    func imageToColumns(_ geometry: WindowGeometry) -> Tensor {
        check(shape == geometry.inputShape, "im2col: input of shape \(shape) does not match \(geometry.inputShape)")
        return Tensor.primitive(
            "im2col", shape: geometry.columnsShape, storage: Kernels.imageToColumns(storage, geometry: geometry),
            inputs: [self],
            pullback: { g, _, _ in [g.columnsToImage(geometry)] },
            differential: { tangents, _ in tangents[0]!.imageToColumns(geometry) })
    }
}

// MARK: - col2im

extension Tensor {
    /// The NCHW image to which every entry of these columns (of `geometry.columnsShape`) is
    /// added where `imageToColumns` read it; the transpose of `imageToColumns`:
    ///
    ///     x[n, c, p·s + i·d − pad, q·s + j·d − pad] += cols[(c, i, j), (n, p, q)]
    ///     cols̄ = im2col(x̄)          ẋ = col2im(cols̊)
    func columnsToImage(_ geometry: WindowGeometry) -> Tensor {
        check(shape == geometry.columnsShape, "col2im: columns of shape \(shape) do not match \(geometry.columnsShape)")
        return Tensor.primitive(
            "col2im", shape: geometry.inputShape, storage: Kernels.columnsToImage(storage, geometry: geometry),
            inputs: [self],
            pullback: { g, _, _ in [g.imageToColumns(geometry)] },
            differential: { tangents, _ in tangents[0]!.columnsToImage(geometry) })
    }
}
