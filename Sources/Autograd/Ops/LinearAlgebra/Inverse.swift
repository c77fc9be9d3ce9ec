// The inverse and the Frobenius norm: the first matrix-calculus rules, kept together.

extension Tensor {
    // MARK: - inverse

    /// The inverse of a square matrix, by LU factorisation (LAPACK `getrf` + `getri`).
    ///
    ///     Y = X⁻¹          X̄ = −Yᵀ·Ȳ·Yᵀ,   Ẏ = −Y·Ẋ·Y
    ///
    /// Both rules reuse Y; nothing is factorised twice.
    ///
    /// NaN and ±∞ entries are neither rejected nor a trap: they go through the factorisation's
    /// IEEE arithmetic, as in `torch.linalg.inv`, so NaN in gives NaN out, and an infinite entry
    /// gives what the arithmetic gives (the inverse of [[∞, 1], [1, 1]] is [[0, −0], [0, 1]];
    /// of [[∞, ∞], [1, 1]], all NaN). Finite entries whose factorisation overflows give NaN or ±∞.
    /// - Throws: `LinearAlgebraError.singularMatrix` naming the zero pivot.
    public func inverse() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "inverse: needs a square matrix, got shape \(shape)")
        let inverse: TensorStorage
        do {
            inverse = try Kernels.invert(storage, size: shape[0])
        } catch {
            throw .singularMatrix(operation: "inverse", pivot: error.pivot)
        }
        return Tensor.primitive(
            "inverse", shape: shape, storage: inverse, inputs: [self],
            pullback: { g, y, _ in [-matrixProduct(matrixProduct(y, g, transposingA: true), y, transposingB: true)] },
            differential: { tangents, y in -matrixProduct(matrixProduct(y, tangents[0]!), y) })
    }

    // MARK: - frobeniusNorm

    /// The Frobenius norm √(Σ xᵢ²), computed without overflow (BLAS `nrm2`).
    ///
    ///     y = ‖X‖_F        X̄ = ȳ·X/y,   ẏ = ⟨X, Ẋ⟩/y   (both 0 at X = 0, never NaN)
    public func frobeniusNorm() -> Tensor {
        let norm = Tensor(shape: [], storage: Kernels.euclideanNorm(storage))
        let isZero = norm.scalar == 0
        return Tensor.primitive(
            "frobeniusNorm", shape: [], storage: norm.storage, inputs: [self],
            pullback: { g, y, _ in [isZero ? self.filled(with: 0) : g * self / y] },
            differential: { tangents, y in isZero ? y.filled(with: 0) : (self * tangents[0]!).sum() / y })
    }
}
