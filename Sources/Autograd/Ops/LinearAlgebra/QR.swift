// The QR family: the reduced QR decomposition of a tall or square matrix, and linear least
// squares as its composition with a triangular solve. The rules are written in `Tensor` ops
// (products, triangle masks and triangular solves with R, never an inverse), so derivatives of
// any order go through them.

// MARK: - qrDecomposition

extension Tensor {
    /// The reduced QR decomposition A = Q·R of an `m × n` matrix with m ≥ n (LAPACK `geqrf`, then
    /// `orgqr`): Q is `m × n` with orthonormal columns, R is `n × n` upper triangular. The signs
    /// are LAPACK's (R's diagonal may be negative), as in `numpy.linalg.qr` and `torch.linalg.qr`.
    ///
    /// For A of full column rank (PyTorch's `linalg_qr_backward` and `linalg_qr_jvp`; Walter &
    /// Lehmann 2018, Liao et al. 2019), with copyltu(M) = tril(M) + tril(M, −1)ᵀ and each R⁻¹ a
    /// triangular solve:
    ///
    ///     M = R·R̄ᵀ − Q̄ᵀ·Q,      Ā = (Q̄ + Q·copyltu(M))·R⁻ᵀ
    ///     X = Qᵀ·Ȧ·R⁻¹,  U = triu(X) + tril(X, −1)ᵀ,   Ṙ = U·R,   Q̇ = Ȧ·R⁻¹ − Q·U
    ///
    /// A rank-deficient A still has a QR decomposition, which this returns (R then has a zero on
    /// its diagonal), but Q is not a differentiable function of A there. An exactly zero
    /// diagonal entry makes both rules divide by zero, so every derivative through Q or R holds
    /// ±∞ or NaN rather than a finite number; a nearly rank-deficient A, whose R has a diagonal
    /// entry that rounding left tiny but nonzero, gives correspondingly huge derivatives.
    ///
    /// Traps unless the tensor is a matrix with at least as many rows as columns.
    public func qrDecomposition() -> (q: Tensor, r: Tensor) {
        check(rank == 2 && shape[0] >= shape[1],
              "qrDecomposition: needs a tall or square matrix (m ≥ n), got shape \(shape)")
        let m = shape[0], n = shape[1]
        let (q, r) = Kernels.qrFactorisation(storage, rows: m, columns: n)
        // One primitive whose value is Q stacked on R, so one rule serves both outputs.
        let stacked = Tensor.primitive(
            "qrDecomposition", shape: [m + n, n], storage: TensorStorage.joined([q, r]), inputs: [self],
            pullback: { g, output, _ in
                let (q, r) = Autograd.split(output, rows: m), (gradientQ, gradientR) = Autograd.split(g, rows: m)
                let mixed = matrixProduct(r, gradientR, transposingB: true) - matrixProduct(gradientQ, q, transposingA: true)
                let lower = Triangle(lower: true, unitDiagonal: false).restricting(mixed)
                let copied = lower + Triangle(lower: true, unitDiagonal: true).restricting(mixed).transposed()
                return [timesInverse(ofUpper: r, gradientQ + matrixProduct(q, copied), transposingR: true)]
            },
            differential: { tangents, output in
                let (q, r) = Autograd.split(output, rows: m)
                let right = timesInverse(ofUpper: r, tangents[0]!, transposingR: false)
                let x = matrixProduct(q, right, transposingA: true)
                let upper = Triangle(lower: false, unitDiagonal: false).restricting(x)
                    + Triangle(lower: true, unitDiagonal: true).restricting(x).transposed()
                return concatenate([right - matrixProduct(q, upper), matrixProduct(upper, r)])
            })
        return Autograd.split(stacked, rows: m)
    }
}

/// The first `m` rows of `stacked` and the rest: Q and R (or their cotangents) from the value
/// of `qrDecomposition`'s primitive.
private func split(_ stacked: Tensor, rows m: Int) -> (q: Tensor, r: Tensor) {
    (stacked.gathering(rows: Array(0..<m)), stacked.gathering(rows: Array(m..<stacked.shape[0])))
}

/// Z·op(R)⁻¹ for an upper-triangular R, op(R) = Rᵀ when `transposingR`: the triangular solve
/// op(R)ᵀ·Wᵀ = Zᵀ, without `triangularSolve`'s check of the diagonal (a zero gives ±∞ or NaN).
private func timesInverse(ofUpper r: Tensor, _ z: Tensor, transposingR: Bool) -> Tensor {
    let upper = Triangle(lower: false, unitDiagonal: false)
    return triangularSolved(r, z.transposed(), upper, transposingA: !transposingR).transposed()
}

// MARK: - leastSquares

/// The X minimising ‖A·X − B‖ (Frobenius) for an `m × n` A of full column rank, m ≥ n, and B of
/// shape [m] or [m, k], as `numpy.linalg.lstsq` and `torch.linalg.lstsq` give it. A composition,
/// with no rule of its own:
///
///     A = Q·R,   X = R⁻¹·Qᵀ·B        (= (AᵀA)⁻¹·Aᵀ·B)
///
/// so its derivatives are those of `qrDecomposition`, the product and `triangularSolve`, at every
/// order, including the term the residual B − A·X contributes when the system is inconsistent
/// (carried by Q's rule), so that, with A⁺ = (AᵀA)⁻¹·Aᵀ,
///
///     Ā = −A⁺ᵀ·X̄·Xᵀ + (B − A·X)·X̄ᵀ·(AᵀA)⁻¹,   B̄ = A⁺ᵀ·X̄
///
/// Mixed types promote.
///
/// Traps unless A is a tall or square matrix and B's first dimension is A's row count.
/// - Throws: `LinearAlgebraError.singularMatrix(operation: "leastSquares", pivot:)` when R's
///   diagonal entry `pivot` (1-based) is exactly zero: A is rank deficient. A diagonal entry
///   that rounding left tiny but nonzero does not throw, and gives a correspondingly huge X.
public func leastSquares(_ a: Tensor, _ b: Tensor) throws(LinearAlgebraError) -> Tensor {
    check(a.rank == 2 && a.shape[0] >= a.shape[1],
          "leastSquares: needs a tall or square matrix A (m ≥ n), got A of shape \(a.shape)")
    let m = a.shape[0]
    check((b.rank == 1 || b.rank == 2) && b.shape[0] == m,
          "leastSquares: B must have shape [\(m)] or [\(m), k] for A of shape \(a.shape), got \(b.shape)")
    let (a, b) = promoted(a, b)
    let (q, r) = a.qrDecomposition()
    do {
        return try triangularSolve(r, matmul(q.transposed(), b), lower: false)
    } catch {
        guard case let .singularMatrix(_, pivot) = error else { throw error }
        throw .singularMatrix(operation: "leastSquares", pivot: pivot)
    }
}
