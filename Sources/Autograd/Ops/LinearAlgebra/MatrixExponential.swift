// The matrix exponential. Its derivative is the Fréchet derivative L(A, E), read off the
// exponential of a block-triangular matrix twice A's size: both rules call `matrixExponential`
// itself, so every order of derivative is again a matrix exponential (of a larger matrix).

// MARK: - matrixExponential

extension Tensor {
    /// e^A = Σₖ Aᵏ/k! of a square matrix, by scaling and squaring with a Padé approximant (Higham
    /// 2005, as `scipy.linalg.expm` and `torch.linalg.matrix_exp`); a float32 matrix is
    /// exponentiated in float64 and rounded (see `Kernels.matrixExponential`). NaN or ±∞
    /// anywhere in A gives NaN throughout, as in `torch.linalg.matrix_exp`.
    ///
    /// The derivative is the Fréchet derivative L(A, E) = ∫₀¹ e^{sA}·E·e^{(1−s)A} ds, which the
    /// block-triangular identity gives as an exponential (Higham 2008, "Functions of Matrices",
    /// Theorem 3.6; the forward rule of PyTorch's `linalg_matrix_exp_differential`):
    ///
    ///     exp([[A, E], [0, A]]) = [[e^A, L(A, E)], [0, e^A]]
    ///     Ẏ = L(A, Ȧ),    Ā = L(Aᵀ, Ȳ)
    ///
    /// (the pullback because ⟨Ȳ, L(A, E)⟩ = ⟨L(Aᵀ, Ȳ), E⟩).
    ///
    /// Traps unless the tensor is a square matrix.
    public func matrixExponential() -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "matrixExponential: needs a square matrix, got shape \(shape)")
        let a = self
        return Tensor.primitive(
            "matrixExponential", shape: shape, storage: Kernels.matrixExponential(storage, size: shape[0]), inputs: [a],
            pullback: { g, _, _ in [frechetDerivative(of: a.transposed(), along: g)] },
            differential: { tangents, _ in frechetDerivative(of: a, along: tangents[0]!) })
    }
}

/// L(A, E), the Fréchet derivative of the exponential at A along E: the top-right `n × n` block
/// of exp([[A, E], [0, A]]), assembled and read with differentiable ops (concatenation and a
/// gather), so it differentiates in A and E like any composition.
///
/// L is linear in E, so it is computed as c·L(A, E/c) with c = ‖E‖/‖A‖ when E is the larger
/// (Higham 2008, §10.6): a large E would otherwise add squarings to the block's exponential and
/// lose digits in L. c is a constant; by linearity every derivative is still exact.
private func frechetDerivative(of a: Tensor, along e: Tensor) -> Tensor {
    let n = a.shape[0]
    let (normA, normE) = (a.frobeniusNorm().scalar, e.frobeniusNorm().scalar)
    guard !(normE > normA && normA > 0 && normE.isFinite) else {
        let scale = normE / normA
        return frechetDerivative(of: a, along: e / scale) * scale
    }
    let block = concatenate([
        concatenate([a, e], alongAxis: 1),
        concatenate([Tensor.zeros([n, n], dtype: a.dtype), a], alongAxis: 1),
    ])
    let topRight: [Int] = (0..<n).flatMap { row -> Range<Int> in
        let start = 2 * n * row + n
        return start..<(start + n)
    }
    return block.matrixExponential().gathering(offsets: topRight, shape: [n, n])
}
