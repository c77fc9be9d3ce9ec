// Linear systems: a general square A through its LU factorisation, and a triangular A.
// Every rule is again a solve with the same matrix (the same LU factors for `solve`), so the
// rules differentiate again and higher order needs nothing more.

// MARK: - solve

/// The solution X of A·X = B for a square A (n × n) and B of shape [n] or [n, k], by LU
/// factorisation with partial pivoting (LAPACK `getrf`, then `getrs`). Mixed types promote.
///
///     X = A⁻¹·B        B̄ = A⁻ᵀ·X̄,   Ā = −B̄·Xᵀ   (for a vector B, the outer product −B̄ ⊗ X),
///                      Ẋ = A⁻¹·(Ḃ − Ȧ·X)
///
/// A is factorised once, here. Both rules (and their own rules, at every order) solve with
/// the same factors and pivots, transposed for B̄ (`getrs` with 'T'): nothing is factorised
/// again and no inverse is formed.
///
/// Traps unless A is square and B's first dimension is A's order.
/// - Throws: `LinearAlgebraError.singularMatrix(operation: "solve", pivot:)` when U's diagonal
///   entry `pivot` (1-based) is exactly zero.
public func solve(_ a: Tensor, _ b: Tensor) throws(LinearAlgebraError) -> Tensor {
    check(a.rank == 2 && a.shape[0] == a.shape[1], "solve: needs a square matrix A, got A of shape \(a.shape)")
    let n = a.shape[0]
    check((b.rank == 1 || b.rank == 2) && b.shape[0] == n,
          "solve: B must have shape [\(n)] or [\(n), k] for A of shape \(a.shape), got \(b.shape)")
    let (a, b) = promoted(a, b)
    let factors: Kernels.LUFactors
    do {
        factors = try Kernels.luFactorisation(a.storage, size: n)
    } catch {
        throw .singularMatrix(operation: "solve", pivot: error.pivot)
    }
    return asMatrix(b) { luSolve(a, factors: factors, $0, transposingA: false) }
}

/// op(A)⁻¹·B for a matrix B from A's LU `factors`, where op(A) = Aᵀ when `transposingA`: the
/// primitive behind `solve`, differentiable in A and B. `a` is the matrix the factors are of;
/// the rules use it only through its derivative term, and solve with the same factors:
///
///     X = A⁻¹·B     B̄ = A⁻ᵀ·X̄,  Ā = −B̄·Xᵀ,   Ẋ = A⁻¹·(Ḃ − Ȧ·X)
///     X = A⁻ᵀ·B     B̄ = A⁻¹·X̄,  Ā = −X·B̄ᵀ,   Ẋ = A⁻ᵀ·(Ḃ − Ȧᵀ·X)
func luSolve(_ a: Tensor, factors: Kernels.LUFactors, _ b: Tensor, transposingA: Bool) -> Tensor {
    let solution = Kernels.luSolve(factors, b.storage, columns: b.shape[1], transposed: transposingA)
    return Tensor.primitive(
        "solve", shape: b.shape, storage: solution, inputs: [a, b],
        pullback: { g, x, isNeeded in
            let gradientB = luSolve(a, factors: factors, g, transposingA: !transposingA)
            let gradientA = !isNeeded(0) ? nil : transposingA
                ? -matrixProduct(x, gradientB, transposingB: true)
                : -matrixProduct(gradientB, x, transposingB: true)
            return [gradientA, gradientB]
        },
        differential: { tangents, x in
            let right = sumOfTerms(tangents[1], tangents[0].map { -matrixProduct($0, x, transposingA: transposingA) })
            return luSolve(a, factors: factors, right, transposingA: transposingA)
        })
}

// MARK: - triangularSolve

/// The solution X of op(A)·X = B for a triangular A (n × n) and B of shape [n] or [n, k], by
/// forward or back substitution (BLAS `trsm`); op(A) = Aᵀ when `transposingA`. Only the
/// triangle named by `lower` is read (the other is ignored, whatever it holds), and not the
/// diagonal when `unitDiagonal` (taken as ones). Mixed types promote.
///
/// With T the triangle of A that is read (strictly below or above the diagonal when
/// `unitDiagonal`, whose ones are constants) and op(T) the matrix solved with:
///
///     X = op(T)⁻¹·B    B̄ = op(T)⁻ᵀ·X̄   (a triangular solve with the opposite transpose),
///                      Ā = the read triangle of −B̄·Xᵀ (of −X·B̄ᵀ when transposing), 0 elsewhere,
///                      Ẋ = op(T)⁻¹·(Ḃ − op(Ṫ)·X), Ṫ the read triangle of Ȧ
///
/// Traps unless A is square and B's first dimension is A's order.
/// - Throws: `LinearAlgebraError.singularMatrix(operation: "triangularSolve", pivot:)` naming the
///   first zero on the diagonal (1-based), unless `unitDiagonal`; checked before `trsm`, which
///   does not check.
public func triangularSolve(
    _ a: Tensor, _ b: Tensor, lower: Bool, transposingA: Bool = false, unitDiagonal: Bool = false
) throws(LinearAlgebraError) -> Tensor {
    check(a.rank == 2 && a.shape[0] == a.shape[1], "triangularSolve: needs a square matrix A, got A of shape \(a.shape)")
    let n = a.shape[0]
    check((b.rank == 1 || b.rank == 2) && b.shape[0] == n,
          "triangularSolve: B must have shape [\(n)] or [\(n), k] for A of shape \(a.shape), got \(b.shape)")
    let (a, b) = promoted(a, b)
    if !unitDiagonal, let zero = Kernels.firstZeroOnDiagonal(a.storage, size: n) {
        throw .singularMatrix(operation: "triangularSolve", pivot: zero)
    }
    let triangle = Triangle(lower: lower, unitDiagonal: unitDiagonal)
    return asMatrix(b) { triangularSolved(a, $0, triangle, transposingA: transposingA) }
}

/// Which part of a square matrix a triangular solve reads.
struct Triangle {
    /// The lower triangle, else the upper.
    let lower: Bool
    /// The diagonal is taken as ones and not read.
    let unitDiagonal: Bool

    /// The matrix's read entries, zeros elsewhere (a product with a constant 0/1 mask, so it
    /// differentiates like one).
    func restricting(_ matrix: Tensor) -> Tensor {
        restricting(matrix, diagonalScale: unitDiagonal ? 0 : 1)
    }

    /// The triangle's strict part of the matrix with its diagonal times `diagonalScale`, zeros
    /// elsewhere: the matrix times a constant mask, so its derivative is the same mask.
    func restricting(_ matrix: Tensor, diagonalScale: Double) -> Tensor {
        let n = matrix.shape[0]
        let mask = Kernels.triangleMask(size: n, lower: lower, diagonal: diagonalScale, dtype: matrix.dtype)
        return matrix * Tensor(shape: [n, n], storage: mask)
    }
}

/// op(T)⁻¹·B for a matrix B, where T is the `triangle` of `a` (nonzero diagonal, checked by the
/// caller): the primitive behind `triangularSolve`; see there for the rules.
func triangularSolved(_ a: Tensor, _ b: Tensor, _ triangle: Triangle, transposingA: Bool) -> Tensor {
    let solution = Kernels.applyTriangular(
        .inverse, a.storage, b.storage, size: a.shape[0], columns: b.shape[1],
        lower: triangle.lower, transposed: transposingA, unitDiagonal: triangle.unitDiagonal)
    return Tensor.primitive(
        "triangularSolve", shape: b.shape, storage: solution, inputs: [a, b],
        pullback: { g, x, isNeeded in
            let gradientB = triangularSolved(a, g, triangle, transposingA: !transposingA)
            let gradientA = !isNeeded(0) ? nil : triangle.restricting(transposingA
                ? -matrixProduct(x, gradientB, transposingB: true)
                : -matrixProduct(gradientB, x, transposingB: true))
            return [gradientA, gradientB]
        },
        differential: { tangents, x in
            let right = sumOfTerms(tangents[1], tangents[0].map {
                -matrixProduct(triangle.restricting($0), x, transposingA: transposingA)
            })
            return triangularSolved(a, right, triangle, transposingA: transposingA)
        })
}

/// op(T)·B for a matrix B, where T is the `triangle` of `a` (BLAS `trmm`: n²·k flops, half a
/// general product's), as `matmul` of T's read entries and B:
///
///     Y = op(T)·B      B̄ = op(T)ᵀ·Ȳ,   Ā = the triangle of Ȳ·Bᵀ (of B·Ȳᵀ when transposing)
///     Ẏ = op(T)·Ḃ + op(the triangle of Ȧ)·B
func triangularProduct(_ a: Tensor, _ b: Tensor, _ triangle: Triangle, transposingA: Bool) -> Tensor {
    let product = Kernels.applyTriangular(
        .product, a.storage, b.storage, size: a.shape[0], columns: b.shape[1],
        lower: triangle.lower, transposed: transposingA, unitDiagonal: triangle.unitDiagonal)
    return Tensor.primitive(
        "triangularProduct", shape: b.shape, storage: product, inputs: [a, b],
        pullback: { g, _, isNeeded in
            let gradientA = !isNeeded(0) ? nil : triangle.restricting(transposingA
                ? matrixProduct(b, g, transposingB: true)
                : matrixProduct(g, b, transposingB: true))
            return [gradientA, triangularProduct(a, g, triangle, transposingA: !transposingA)]
        },
        differential: { tangents, _ in
            sumOfTerms(tangents[1].map { triangularProduct(a, $0, triangle, transposingA: transposingA) },
                       tangents[0].map { matrixProduct(triangle.restricting($0), b, transposingA: transposingA) })
        })
}

// MARK: - Vector right-hand sides

/// `solveMatrix` applied to B as a one-column matrix when B is a vector (the result a vector
/// again), or to B itself: reshapes are differentiable, so the rules see only matrices and a
/// vector B's Ā comes out as the outer product.
private func asMatrix(_ b: Tensor, _ solveMatrix: (Tensor) -> Tensor) -> Tensor {
    guard b.rank == 1 else { return solveMatrix(b) }
    return solveMatrix(b.reshaped(to: [b.shape[0], 1])).reshaped(to: [b.shape[0]])
}
