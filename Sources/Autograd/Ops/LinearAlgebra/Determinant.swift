// The determinant and the log of its magnitude, from the LU factorisation. The determinant's
// rules use the adjugate, which is defined (and computed exactly) at singular matrices too.

extension Tensor {
    // MARK: - determinant

    /// The determinant of a square matrix, from its LU factorisation (LAPACK `getrf`):
    /// det X = sign(P)·∏ Uᵢᵢ for X = P·L·U; 1 for a 0 × 0 matrix.
    ///
    ///     y = det X        X̄ = ȳ·adj(X)ᵀ,   ẏ = tr(adj(X)·Ẋ)
    ///
    /// The adjugate adj(X) (det(X)·X⁻¹ where X is regular) is a polynomial in X, so both rules
    /// are right at singular matrices too: nonzero at rank n − 1, zero at rank n − 2 or less
    /// (as `torch.linalg.det` differentiated with `create_graph=True`).
    ///
    /// Traps when the tensor is not a square matrix.
    /// - Complexity: O(n³) for the value and for each rule, except at a matrix whose LU
    ///   factorisation has r ≥ 2 pivots exactly zero (the zero matrix has n), where each rule
    ///   also takes r² determinants of (r − 1) × (r − 1) matrices, O(r⁵) (see
    ///   `adjugate(determinant:)`).
    public func determinant() -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "determinant: needs a square matrix, got shape \(shape)")
        return Tensor.primitive(
            "determinant", shape: [], storage: Kernels.determinant(storage, size: shape[0]), inputs: [self],
            pullback: { g, y, _ in [g * self.adjugate(determinant: y).transposed()] },
            differential: { tangents, y in (self.adjugate(determinant: y).transposed() * tangents[0]!).sum() })
    }

    /// adj(X), the transposed matrix of cofactors, in `Tensor` ops (so it can be differentiated
    /// again), for a square X whose determinant is `determinant`.
    ///
    /// - Regular X: det(X)·X⁻¹. Accurate near singular matrices too, because det X and X⁻¹
    ///   come from the same factorisation and its small pivot cancels (Stewart 1998, "On the
    ///   adjugate matrix").
    /// - X with exact zero pivots Uₖₖ (k ∈ K, r of them): B = X + C·Eᵀ with C = s·(P·L)[:, K]
    ///   and E = I[:, K] is P·L·(U + s·E·Eᵀ), regular, and with M = I − Eᵀ·B⁻¹·C (r × r),
    ///
    ///       adj(X) = det(B)·[det(M)·B⁻¹ + B⁻¹·C·adj(M)·Eᵀ·B⁻¹]
    ///
    ///   (from Sylvester's determinant identity and Woodbury's formula, extended to singular M
    ///   by continuity). adj(M) is 1 for r = 1 and is built from cofactors otherwise.
    ///
    /// - Complexity: O(n³), plus r² determinants of (r − 1) × (r − 1) matrices for r ≥ 2.
    func adjugate(determinant: Tensor) -> Tensor {
        let n = shape[0]
        guard n > 1 else { return Tensor.ones(shape, dtype: dtype) }
        if let inverse = try? inverse() { return determinant * inverse }
        let (positions, columns) = Kernels.zeroPivotColumns(storage, size: n)
        let r = positions.count
        let c = Tensor(shape: [n, r], storage: columns)
        let update = c.scattering(offsets: (0..<n).flatMap { row in positions.map { row * n + $0 } }, into: [n, n])
        let regular = self + update
        guard let regularInverse = try? regular.inverse() else { return adjugateByCofactors() }
        let selectedRows = regularInverse.gathering(rows: positions)
        let m = Tensor.eye(r, dtype: dtype) - matrixProduct(selectedRows, c)
        let adjugateM = r == 1 ? Tensor.ones([1, 1], dtype: dtype) : m.adjugateByCofactors()
        let lowRankPart = matrixProduct(matrixProduct(matrixProduct(regularInverse, c), adjugateM), selectedRows)
        return regular.determinant() * (m.determinant() * regularInverse + lowRankPart)
    }

    /// adj(X)ᵢⱼ = (−1)ⁱ⁺ʲ·det(X without row j and column i), for an n × n matrix, n ≥ 2.
    ///
    /// - Complexity: n² determinants of (n − 1) × (n − 1) matrices.
    private func adjugateByCofactors() -> Tensor {
        let n = shape[0]
        let cofactors = (0..<n).flatMap { i in
            (0..<n).map { j in
                let offsets = (0..<n).filter { $0 != j }.flatMap { row in
                    (0..<n).filter { $0 != i }.map { row * n + $0 }
                }
                let minor = gathering(offsets: offsets, shape: [n - 1, n - 1]).determinant()
                return (i + j) % 2 == 0 ? minor : -minor
            }
        }
        return stacked(cofactors).reshaped(to: [n, n])
    }

    // MARK: - logAbsDeterminant

    /// The sign and the log of the magnitude of the determinant of a square matrix, as
    /// `torch.linalg.slogdet` and `numpy.linalg.slogdet`: det X = sign·exp(logAbs), without the
    /// overflow or underflow of the determinant itself. The sign is a constant (its derivative
    /// is zero where it is defined):
    ///
    ///     y = log |det X|      X̄ = ȳ·X⁻ᵀ,   ẏ = tr(X⁻¹·Ẋ)
    ///
    /// At a singular matrix, sign is 0 and logAbs −∞, and the derivative does not exist: both
    /// rules then give NaN in every entry (`torch.linalg.slogdet` gives ±∞ and NaN entries
    /// there), never a finite value.
    ///
    /// Traps when the tensor is not a square matrix.
    /// - Complexity: O(n³).
    public func logAbsDeterminant() -> (sign: Tensor, logAbs: Tensor) {
        check(rank == 2 && shape[0] == shape[1], "logAbsDeterminant: needs a square matrix, got shape \(shape)")
        let (sign, logAbs) = Kernels.logAbsDeterminant(storage, size: shape[0])
        let logAbsDeterminant = Tensor.primitive(
            "logAbsDeterminant", shape: [], storage: logAbs, inputs: [self],
            pullback: { g, _, _ in [g * self.inverseTransposedOrNaN()] },
            differential: { tangents, _ in (self.inverseTransposedOrNaN() * tangents[0]!).sum() })
        return (Tensor(shape: [], storage: sign), logAbsDeterminant)
    }

    /// X⁻ᵀ, or NaN in every entry when X is singular.
    private func inverseTransposedOrNaN() -> Tensor {
        (try? inverse().transposed()) ?? filled(with: .nan)
    }
}
