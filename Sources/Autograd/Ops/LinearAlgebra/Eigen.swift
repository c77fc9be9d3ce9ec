// The symmetric eigendecomposition. One primitive returns the eigenvalues and the eigenvectors
// packed in one tensor (so one graph node carries both cotangents); the public method slices it.
// The rules are written in `Tensor` ops, so derivatives of any order go through them.

extension Tensor {
    // MARK: - symmetricEigendecomposition

    /// The eigenvalues λ (ascending) and orthonormal eigenvectors V (columns) of a symmetric
    /// matrix, A = V·diag(λ)·Vᵀ (LAPACK `syevd`). Only the lower triangle of A is read, as in
    /// `torch.linalg.eigh` and `numpy.linalg.eigh`. Each eigenvector's sign is LAPACK's choice.
    ///
    ///     Ā = sym(V·(diag(λ̄) + F∘(Vᵀ·V̄))·Vᵀ),   λ̇ = diag(Vᵀ·sym(Ȧ)·V),   V̇ = V·(F∘(Vᵀ·sym(Ȧ)·V))
    ///
    /// with Fᵢⱼ = 1/(λⱼ − λᵢ) and sym(X) = (X + Xᵀ)/2 (Giles 2008, "An extended collection of
    /// matrix derivative results"). As for `cholesky()`, A counts as a symmetric matrix: the
    /// gradient is symmetric (PyTorch's) and a tangent counts through its symmetric part.
    ///
    /// **Repeated eigenvalues.** Fᵢⱼ = 0 wherever |λⱼ − λᵢ| ≤ 8·n·ε·max|λ| (ε the element type's
    /// machine epsilon): LAPACK's eigenvalues are only accurate to about ε·max|λ| times a modest
    /// function of n (LAPACK Users' Guide, §4.7), so smaller gaps cannot be told from zero, and
    /// the rules never divide by them (no NaN, no ±∞). This is exact for every function g(λ, V)
    /// whose cotangent X = Vᵀ·V̄ stays symmetric inside each cluster of equal eigenvalues,
    /// because its within-cluster term Fᵢⱼ·(Xᵢⱼ − Xⱼᵢ)/2 of the symmetrised rule then vanishes:
    /// functions of λ alone, the projector V_c·V_cᵀ onto a whole cluster c, and
    /// tr f(A) = tr(V·diag(f(λ))·Vᵀ) = Σ f(λᵢ). Not defined (the rules give the value with that
    /// term dropped): the derivative of one eigenvector inside a cluster (it depends on the basis
    /// LAPACK picks), and a weighted matrix function ⟨W, V·diag(f(λ))·Vᵀ⟩, whose true gradient
    /// has the extra term f′(λ)·(VᵀWV)ᵢⱼ for i ≠ j in a cluster (the reconstruction
    /// V·diag(λ)·Vᵀ = A itself included), which no rule linear in (λ̄, V̄) can recover (the
    /// cotangent holds f′ only through λ̄ᵢ = f′(λᵢ)·(VᵀWV)ᵢᵢ). Those are first derivatives.
    /// **Second derivatives** at a cluster miss, for the same reason, the within-cluster divided
    /// difference (f′(λⱼ) − f′(λᵢ))/(λⱼ − λᵢ) → f″(λ) times (Vᵀ·Ȧ·V)ᵢⱼ, even for functions of λ
    /// alone: the Hessian of Σ λᵢ² = ‖A‖²_F at A = I comes out as the diagonal of 2·Ȧ only
    /// (PyTorch gives NaN there). Across gaps wider than the tolerance they are exact.
    ///
    /// - Throws: `LinearAlgebraError.noConvergence` when LAPACK's iteration fails, or when the
    ///   lower triangle holds NaN or an infinity.
    /// Traps when the tensor is not a square matrix.
    /// - Complexity: O(n³) for the value and for each rule.
    public func symmetricEigendecomposition() throws(LinearAlgebraError) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
        check(rank == 2 && shape[0] == shape[1], "symmetricEigendecomposition: needs a square matrix, got shape \(shape)")
        let n = shape[0]
        let packed: TensorStorage
        do {
            packed = try Kernels.symmetricEigendecomposition(storage, size: n)
        } catch {
            throw .noConvergence(operation: "symmetricEigendecomposition", reason: error.reason)
        }
        let factors = Tensor.primitive(
            "symmetricEigendecomposition", shape: [n + 1, n], storage: packed, inputs: [self],
            pullback: { g, factors, _ in
                let (values, vectors) = eigenFactors(factors)
                let (valuesCotangent, vectorsCotangent) = eigenFactors(g)
                let inner = Tensor.diagonalMatrix(valuesCotangent)
                    + eigenvalueGapReciprocals(values) * matrixProduct(vectors, vectorsCotangent, transposingA: true)
                return [symmetricPart(matrixProduct(matrixProduct(vectors, inner), vectors, transposingB: true))]
            },
            differential: { tangents, factors in
                let (values, vectors) = eigenFactors(factors)
                let rotated = matrixProduct(matrixProduct(vectors, symmetricPart(tangents[0]!), transposingA: true), vectors)
                let vectorsTangent = matrixProduct(vectors, eigenvalueGapReciprocals(values) * rotated)
                return concatenate([rotated.diagonal().reshaped(to: [1, n]), vectorsTangent])
            })
        return eigenFactors(factors)
    }
}

/// The eigenvalues (first row) and the eigenvectors (the other n rows) of an `(n + 1) × n`
/// packed tensor, or of its cotangent.
private func eigenFactors(_ packed: Tensor) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
    let n = packed.shape[1]
    return (packed.gathering(rows: [0]).reshaped(to: [n]), packed.gathering(rows: Array(1..<(n + 1))))
}

/// Fᵢⱼ = 1/(λⱼ − λᵢ), and 0 where the gap is within the tolerance of repeated eigenvalues
/// (and on the diagonal).
private func eigenvalueGapReciprocals(_ values: Tensor) -> Tensor {
    let n = values.shape[0]
    let scale = values.scalars.map(Swift.abs).max() ?? 0
    let gaps = values.reshaped(to: [1, n]) - values.reshaped(to: [n, 1])
    return maskedReciprocal(gaps, tolerance: spectralGapTolerance(scale: scale, size: n, dtype: values.dtype))
}

/// The width under which two computed eigenvalues or singular values of a matrix of size `size`
/// and norm `scale` count as equal (and a singular value as zero): 8·size·ε·scale, ε the
/// machine epsilon of `dtype`. LAPACK's computed values are accurate to ε·scale times a modest
/// function of the size (LAPACK Users' Guide, §4.7 and §4.9).
func spectralGapTolerance(scale: Double, size: Int, dtype: DType) -> Double {
    let epsilon = dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    return 8 * Double(size) * epsilon * scale
}

/// 1/x elementwise, and 0 where |x| ≤ `tolerance`: x's reciprocal times a constant mask M,
/// written M/(x + 1 − M), so no entry divides by zero and the derivative is −M/x² (zero
/// where masked) to every order.
func maskedReciprocal(_ x: Tensor, tolerance: Double) -> Tensor {
    let mask = Tensor(shape: x.shape, scalars: x.scalars.map { Swift.abs($0) > tolerance ? 1.0 : 0.0 }).converted(to: x.dtype)
    return mask / (x + (1 - mask))
}
