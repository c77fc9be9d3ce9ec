// The reduced singular value decomposition, the singular values alone, and the nuclear and
// spectral norms built on them. One primitive returns U, s and Vᵀ packed in one vector (so one
// graph node carries the three cotangents); the rules are written in `Tensor` ops, so
// derivatives of any order go through them.

extension Tensor {
    // MARK: - singularValueDecomposition

    /// The reduced singular value decomposition A = U·diag(s)·Vᵀ of an m × n matrix (LAPACK
    /// `gesdd`), k = min(m, n): U is m × k and Vᵀ is k × n, both with orthonormal rows or
    /// columns, and s holds the k singular values, descending (`torch.linalg.svd(A,
    /// full_matrices=False)`, `numpy.linalg.svd(A, full_matrices=False)`). The signs of a pair
    /// (uᵢ, vᵢ) are LAPACK's choice.
    ///
    /// The rules are PyTorch's `svd_backward` and JAX's `svd_jvp_rule` (Townsend 2016,
    /// "Differentiating the singular value decomposition"). With S = diag(s), V = (Vᵀ)ᵀ,
    /// J = UᵀŪ − ŪᵀU, K = VᵀV̄ − V̄ᵀV and Fᵢⱼ = 1/(sⱼ² − sᵢ²),
    ///
    ///     Ā = U·(F∘(J·S + S·K) + diag(s̄))·Vᵀ
    ///         + (I − UUᵀ)·Ū·S⁻¹·Vᵀ        (m > n)
    ///         + U·S⁻¹·V̄ᵀ·(I − VVᵀ)        (m < n)
    ///     Ẋ = Uᵀ·Ȧ·V:   ṡ = diag(Ẋ),   U̇ = U·(F∘(Ẋ·S + S·Ẋᵀ)) + (I − UUᵀ)·Ȧ·V·S⁻¹ (last term if m > n),
    ///                   V̇ = V·(F∘(S·Ẋ + Ẋᵀ·S)) + (I − VVᵀ)·Ȧᵀ·U·S⁻¹ (last term if m < n)
    ///
    /// F is applied split as 1/(sⱼ² − sᵢ²)·(Yᵢⱼsⱼ + sᵢZᵢⱼ) = (Y + Z)ᵢⱼ/(2(sⱼ − sᵢ)) + (Y − Z)ᵢⱼ/(2(sⱼ + sᵢ)),
    /// which is the same number where the values are distinct and keeps the second, finite part
    /// at a repeated value.
    ///
    /// **Repeated and zero singular values.** With τ = 8·max(m, n)·ε·s₁ (ε the element type's
    /// machine epsilon; see `spectralGapTolerance`), 1/(sⱼ − sᵢ) is taken as 0 where
    /// |sⱼ − sᵢ| ≤ τ, 1/(sⱼ + sᵢ) as 0 where sⱼ + sᵢ ≤ τ, and S⁻¹'s entry as 0 where sᵢ is
    /// exactly zero (or subnormal): no rule divides by a zero gap or a zero singular value (no
    /// NaN, no ±∞). First derivatives are then exact for every function whose (J + K)ᵢⱼ
    /// vanishes inside each cluster of equal singular values (and whose cotangent has no
    /// component the dropped S⁻¹ terms would carry): smooth functions of s alone
    /// (`singularValues()`, Σ sᵢ²), and U·Vᵀ and U_c·V_cᵀ over a whole cluster c at nonzero
    /// singular values. Not defined (the rules give the value with those terms dropped): the
    /// derivative of one singular vector inside a cluster; ⟨W, U·diag(f(s))·Vᵀ⟩ with f′ ≠ 0 on a
    /// cluster (its true gradient has the extra within-cluster term f′(σ)·(B + Bᵀ)ᵢⱼ/2,
    /// B = UᵀWV, which the cotangent does not determine; U·diag(s)·Vᵀ = A itself included); at a
    /// zero singular value, the derivative of its singular vectors (the (I − UUᵀ)·Ū·S⁻¹ and
    /// S⁻¹·V̄ᵀ·(I − VVᵀ) columns and rows for it, and the terms between two zero values, are 0).
    /// **Second derivatives** at exactly repeated values, or at an exactly zero value of a
    /// non-square matrix, miss the within-cluster divided difference (f′(sⱼ) − f′(sᵢ))/(sⱼ − sᵢ)
    /// → f″, and the ratio s̄ᵢ/sᵢ, which a rule linear in the cotangent cannot recover: the
    /// Hessian of Σ sᵢ² = ‖A‖²_F at the 2 × 3 zero matrix comes out wrong (PyTorch gives NaN
    /// there). At values that are close but not equal (beyond τ, or s tiny but nonzero) they
    /// are exact.
    ///
    /// - Throws: `LinearAlgebraError.noConvergence` when LAPACK's iteration fails, or when the
    ///   matrix holds NaN or an infinity.
    /// Traps when the tensor is not a matrix.
    /// - Complexity: O(m·n·k) for the value and for each rule.
    public func singularValueDecomposition() throws(LinearAlgebraError) -> (u: Tensor, s: Tensor, vt: Tensor) {
        check(rank == 2, "singularValueDecomposition: needs a matrix, got shape \(shape)")
        let packed = try singularValueStorage("singularValueDecomposition")
        return singularFactors(singularValueDecompositionNode(packed), rows: shape[0], columns: shape[1])
    }

    // MARK: - singularValues

    /// The singular values of an m × n matrix, descending (`torch.linalg.svdvals`): the s of
    /// `singularValueDecomposition()`, from the same LAPACK call, with the rules
    ///
    ///     Ā = U·diag(s̄)·Vᵀ,   ṡ = diag(Uᵀ·Ȧ·V)
    ///
    /// free of any division, so finite everywhere. At a repeated singular value the single sᵢ
    /// are not differentiable, but smooth symmetric functions of s (Σ sᵢ², the nuclear norm at
    /// full rank) are, and they get their exact gradient: their s̄ is equal across a cluster c,
    /// where U·diag(s̄)·Vᵀ holds U_c·V_cᵀ, the same for any basis LAPACK picks (at a nonzero
    /// value; at zero it is a subgradient of the nuclear norm, as in PyTorch). The rules use U
    /// and Vᵀ as outputs of the decomposition, so the second derivative is that of the SVD,
    /// with its limits at exactly repeated or zero values (see `singularValueDecomposition()`).
    ///
    /// - Throws: `LinearAlgebraError.noConvergence`, as `singularValueDecomposition()`.
    /// Traps when the tensor is not a matrix.
    public func singularValues() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2, "singularValues: needs a matrix, got shape \(shape)")
        let m = shape[0], n = shape[1], k = Swift.min(m, n)
        let packed = try singularValueStorage("singularValues")
        func vectors() -> (u: Tensor, vt: Tensor) {
            let (u, _, vt) = singularFactors(singularValueDecompositionNode(packed), rows: m, columns: n)
            return (u, vt)
        }
        return Tensor.primitive(
            "singularValues", shape: [k], storage: Kernels.gather(packed, offsets: Array((m * k)..<(m * k + k))),
            inputs: [self],
            pullback: { g, _, _ in
                let (u, vt) = vectors()
                return [matrixProduct(u * g.reshaped(to: [1, k]), vt)]
            },
            differential: { tangents, _ in
                let (u, vt) = vectors()
                return (u * matrixProduct(tangents[0]!, vt, transposingB: true)).sum(alongAxes: 0)
            })
    }

    // MARK: - Matrix norms

    /// The nuclear norm Σᵢ sᵢ (`torch.linalg.matrix_norm(A, "nuc")`): a composition of
    /// `singularValues()`, so Ā = U·Vᵀ·ȳ where A has full rank (a subgradient elsewhere).
    ///
    /// - Throws: `LinearAlgebraError.noConvergence`, as `singularValues()`.
    public func nuclearNorm() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2, "nuclearNorm: needs a matrix, got shape \(shape)")
        return try singularValues().sum()
    }

    /// The spectral norm s₁ = max sᵢ (`torch.linalg.matrix_norm(A, 2)`): a composition of
    /// `singularValues()` and `max()`, so Ā = ȳ·u₁·v₁ᵀ where s₁ is simple. Where the largest
    /// value is repeated exactly (A = I), `max()` shares the derivative equally among the tied
    /// values: ȳ·Σ uᵢvᵢᵀ/t over the t of them, a subgradient that does not depend on the basis
    /// LAPACK picks in the cluster.
    ///
    /// - Throws: `LinearAlgebraError.noConvergence`, as `singularValues()`.
    public func spectralNorm() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2 && scalarCount > 0, "spectralNorm: needs a matrix with elements, got shape \(shape)")
        return try singularValues().max()
    }

    // MARK: - The packed decomposition

    /// LAPACK's U, s and Vᵀ packed one after another, or `operation`'s typed error.
    private func singularValueStorage(_ operation: String) throws(LinearAlgebraError) -> TensorStorage {
        do {
            return try Kernels.singularValueDecomposition(storage, rows: shape[0], columns: shape[1])
        } catch {
            throw .noConvergence(operation: operation, reason: error.reason)
        }
    }

    /// The primitive holding this matrix's packed decomposition (computed in `packed`), with the
    /// rules documented at `singularValueDecomposition()`.
    private func singularValueDecompositionNode(_ packed: TensorStorage) -> Tensor {
        let m = shape[0], n = shape[1], k = Swift.min(m, n)
        return Tensor.primitive(
            "singularValueDecomposition", shape: [m * k + k + k * n], storage: packed, inputs: [self],
            pullback: { g, factors, _ in
                let (u, s, vt) = singularFactors(factors, rows: m, columns: n)
                let (uBar, sBar, vtBar) = singularFactors(g, rows: m, columns: n)
                let j = matrixProduct(u, uBar, transposingA: true), kk = matrixProduct(vt, vtBar, transposingB: true)
                let (j2, k2) = (j - j.transposed(), kk - kk.transposed())
                let inner = gapTerms(s, sum: j2 + k2, difference: j2 - k2, size: Swift.max(m, n))
                    + Tensor.diagonalMatrix(sBar)
                if m > n {
                    let projected = uBar - matrixProduct(u, matrixProduct(u, uBar, transposingA: true))
                    let inverse = inverseSingularValues(s).reshaped(to: [1, k])
                    return [matrixProduct(matrixProduct(u, inner) + projected * inverse, vt)]
                }
                if m < n {
                    let projected = vtBar - matrixProduct(matrixProduct(vtBar, vt, transposingB: true), vt)
                    let inverse = inverseSingularValues(s).reshaped(to: [k, 1])
                    return [matrixProduct(u, matrixProduct(inner, vt) + inverse * projected)]
                }
                return [matrixProduct(matrixProduct(u, inner), vt)]
            },
            differential: { tangents, factors in
                let (u, s, vt) = singularFactors(factors, rows: m, columns: n)
                let a = tangents[0]!
                let rotated = matrixProduct(matrixProduct(u, a, transposingA: true), vt, transposingB: true)
                let (sum, difference) = (rotated + rotated.transposed(), rotated - rotated.transposed())
                var uTangent = matrixProduct(u, gapTerms(s, sum: sum, difference: difference, size: Swift.max(m, n)))
                var vTangent = matrixProduct(vt, gapTerms(s, sum: sum, difference: -difference, size: Swift.max(m, n)),
                                             transposingA: true)
                if m > n {
                    let av = matrixProduct(a, vt, transposingB: true)
                    let projected = av - matrixProduct(u, matrixProduct(u, av, transposingA: true))
                    uTangent = uTangent + projected * inverseSingularValues(s).reshaped(to: [1, k])
                }
                if m < n {
                    let au = matrixProduct(a, u, transposingA: true)
                    let projected = au - matrixProduct(vt, matrixProduct(vt, au), transposingA: true)
                    vTangent = vTangent + projected * inverseSingularValues(s).reshaped(to: [1, k])
                }
                return concatenate([uTangent.reshaped(to: [m * k]), rotated.diagonal(), vTangent.transposed().reshaped(to: [k * n])])
            })
    }
}

/// U (`m × k`), s (k) and Vᵀ (`k × n`) of a packed decomposition of an m × n matrix, or of its
/// cotangent.
private func singularFactors(_ packed: Tensor, rows m: Int, columns n: Int) -> (u: Tensor, s: Tensor, vt: Tensor) {
    let k = Swift.min(m, n)
    return (packed.gathering(offsets: Array(0..<(m * k)), shape: [m, k]),
            packed.gathering(offsets: Array((m * k)..<(m * k + k)), shape: [k]),
            packed.gathering(offsets: Array((m * k + k)..<(m * k + k + k * n)), shape: [k, n]))
}

/// (Y + Z)ᵢⱼ/(2(sⱼ − sᵢ)) + (Y − Z)ᵢⱼ/(2(sⱼ + sᵢ)), given Y + Z (`sum`) and Y − Z
/// (`difference`), which is F∘(Y·S + S·Z) with Fᵢⱼ = 1/(sⱼ² − sᵢ²): each reciprocal 0 within the
/// tolerance of a matrix of that largest `size` (see `singularValueDecomposition()`).
private func gapTerms(_ s: Tensor, sum: Tensor, difference: Tensor, size: Int) -> Tensor {
    let k = s.shape[0]
    let tolerance = spectralGapTolerance(scale: s.scalars.first ?? 0, size: size, dtype: s.dtype)
    let (row, column) = (s.reshaped(to: [1, k]), s.reshaped(to: [k, 1]))
    return (maskedReciprocal(row - column, tolerance: tolerance) * sum
            + maskedReciprocal(row + column, tolerance: tolerance) * difference) * 0.5
}

/// 1/sᵢ, and 0 where sᵢ is zero (or subnormal, where 1/sᵢ would overflow). Not masked within
/// a tolerance, unlike the gaps: a singular value that rounding left tiny but nonzero keeps
/// its finite ratios s̄ᵢ/sᵢ, which second derivatives of smooth functions of s need (Σ sᵢ² at a
/// rank-deficient matrix), as in PyTorch.
private func inverseSingularValues(_ s: Tensor) -> Tensor {
    maskedReciprocal(s, tolerance: s.dtype == .float32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude)
}
