// The Cholesky family: the factor, solves with it, and the lower-triangular solve both are built
// on. Every rule is written in `Tensor` ops (triangular solves and products, never an inverse),
// so derivatives of any order go through them.

extension Tensor {
    // MARK: - cholesky

    /// The lower Cholesky factor L of a symmetric positive-definite matrix A = L·Lᵀ (LAPACK
    /// `potrf`). Only the lower triangle of A is read, as in `torch.linalg.cholesky`; L's strict
    /// upper triangle is zero.
    ///
    ///     A = L·Lᵀ      Ā = sym(L⁻ᵀ·Φ(Lᵀ·L̄)·L⁻¹),   L̇ = L·Φ(L⁻¹·sym(Ȧ)·L⁻ᵀ)
    ///
    /// where Φ(X) is X's lower triangle with its diagonal halved and sym(X) = (X + Xᵀ)/2 (Murray
    /// 2016, "Differentiation of the Cholesky decomposition"), each L⁻¹ a triangular solve.
    /// Both rules treat A as a symmetric matrix, as PyTorch does: the gradient is symmetric (the
    /// gradient on the space of symmetric matrices, equal to PyTorch's), and a tangent counts
    /// through its symmetric part, so the two rules are adjoint for every Ȧ. Differentiate a
    /// function that builds a symmetric A (X·Xᵀ + c·I, or (X + Xᵀ)/2 + c·I): along A's strict
    /// upper triangle alone the value does not change, but the rules say it does.
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` naming LAPACK's leading minor that is not
    ///   positive definite (a NaN reaching the diagonal counts as not positive definite too).
    public func cholesky() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "cholesky: needs a square matrix, got shape \(shape)")
        let factor: TensorStorage
        do {
            factor = try Kernels.choleskyFactor(storage, size: shape[0])
        } catch {
            throw .notPositiveDefinite(operation: "cholesky", minor: error.minor)
        }
        return Tensor.primitive(
            "cholesky", shape: shape, storage: factor, inputs: [self],
            pullback: { g, l, _ in
                let halved = halvedLowerTriangle(triangularProduct(l, g, lowerFactor, transposingA: true))
                return [symmetricPart(inverseSandwich(l, halved, transposingL: true))]
            },
            differential: { tangents, l in
                matrixProduct(l, halvedLowerTriangle(inverseSandwich(l, symmetricPart(tangents[0]!), transposingL: false)))
            })
    }
}

// MARK: - choleskySolve

/// The solution X of A·X = B given A's lower Cholesky factor L (A = L·Lᵀ), for a matrix or a
/// vector B: two triangular solves, X = L⁻ᵀ·(L⁻¹·B), as LAPACK `potrs` does. Only L's lower
/// triangle is read. Its rules are those of the two solves (it is their composition):
///
///     X = L⁻ᵀ·L⁻¹·B      B̄ = L⁻ᵀ·L⁻¹·X̄,   L̄ = −tril(B̄·Xᵀ·L + X·B̄ᵀ·L)
///
/// A zero on L's diagonal gives ±∞ or NaN, as IEEE division does (no error, as `torch.cholesky_solve`).
public func choleskySolve(_ factor: Tensor, _ b: Tensor) -> Tensor {
    check(
        factor.rank == 2 && factor.shape[0] == factor.shape[1] && (b.rank == 1 || b.rank == 2) && b.shape[0] == factor.shape[0],
        "choleskySolve: needs a square factor and a vector or matrix with as many rows, got shapes \(factor.shape) and \(b.shape)")
    let right = b.rank == 1 ? b.reshaped(to: [b.shape[0], 1]) : b
    let solution = solveLowerTriangular(factor, solveLowerTriangular(factor, right, transposingL: false), transposingL: true)
    return b.rank == 1 ? solution.reshaped(to: b.shape) : solution
}

// MARK: - Lower-triangular solve

/// op(L)⁻¹·B for the lower triangle of a square L and a matrix B: `triangularSolve`'s primitive
/// (and its rules), without its check of the diagonal, so a zero there gives ±∞ or NaN.
private func solveLowerTriangular(_ l: Tensor, _ b: Tensor, transposingL: Bool) -> Tensor {
    let (l, b) = promoted(l, b)
    return triangularSolved(l, b, lowerFactor, transposingA: transposingL)
}

/// op(L)⁻¹·X·op(L)⁻ᵀ by two lower-triangular solves: L⁻¹·X·L⁻ᵀ, or L⁻ᵀ·X·L⁻¹ when transposing.
private func inverseSandwich(_ l: Tensor, _ x: Tensor, transposingL: Bool) -> Tensor {
    let left = solveLowerTriangular(l, x, transposingL: transposingL)
    return solveLowerTriangular(l, left.transposed(), transposingL: transposingL).transposed()
}

/// (X + Xᵀ)/2.
func symmetricPart(_ x: Tensor) -> Tensor { (x + x.transposed()) * 0.5 }

/// The triangle a Cholesky factor holds: the lower one, diagonal included.
private let lowerFactor = Triangle(lower: true, unitDiagonal: false)

/// Φ(X): the lower triangle of a square matrix with its diagonal halved, zeros above.
private func halvedLowerTriangle(_ x: Tensor) -> Tensor { lowerFactor.restricting(x, diagonalScale: 0.5) }
