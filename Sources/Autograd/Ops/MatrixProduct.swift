// MARK: - Matrix product

/// The product op(A)·op(B) of two matrices, where op transposes when asked. BLAS reads the
/// transpose flags directly, so no transposed copy is ever made, and the rules are again
/// products with flags:
///
///     C = A·B          Ā = C̄·Bᵀ,   B̄ = Aᵀ·C̄,   Ċ = Ȧ·B + A·Ḃ
func matrixProduct(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) -> Tensor {
    check(a.rank == 2 && b.rank == 2, "matmul: needs matrices or vectors, got shapes \(a.shape) and \(b.shape)")
    checkInnerSizes(a, b, transposingA: transposingA, transposingB: transposingB)
    let m = transposingA ? a.shape[1] : a.shape[0]
    let n = transposingB ? b.shape[0] : b.shape[1]
    let (a, b) = promoted(a, b)
    let product = Kernels.matrixProduct(
        a.storage, rows: a.shape[0], columns: a.shape[1], transposed: transposingA,
        b.storage, rows: b.shape[0], columns: b.shape[1], transposed: transposingB)
    return Tensor.primitive(
        "matmul", shape: [m, n], storage: product, inputs: [a, b],
        pullback: { g, _, isNeeded in
            let gradientA = !isNeeded(0) ? nil : transposingA
                ? matrixProduct(b, g, transposingA: transposingB, transposingB: true)
                : matrixProduct(g, b, transposingB: !transposingB)
            let gradientB = !isNeeded(1) ? nil : transposingB
                ? matrixProduct(g, a, transposingA: true, transposingB: transposingA)
                : matrixProduct(a, g, transposingA: !transposingA)
            return [gradientA, gradientB]
        },
        differential: { tangents, _ in
            sumOfTerms(
                tangents[0].map { matrixProduct($0, b, transposingA: transposingA, transposingB: transposingB) },
                tangents[1].map { matrixProduct(a, $0, transposingA: transposingA, transposingB: transposingB) })
        })
}

/// Traps unless op(A)'s last axis and op(B)'s second-to-last axis (a vector's only axis) have
/// one size, naming `matmul`, both shapes and the two sizes.
func checkInnerSizes(_ a: Tensor, _ b: Tensor, transposingA: Bool, transposingB: Bool) {
    let k = a.rank == 1 ? a.shape[0] : a.shape[a.rank - (transposingA ? 2 : 1)]
    let innerB = b.rank == 1 ? b.shape[0] : b.shape[b.rank - (transposingB ? 1 : 2)]
    check(k == innerB, """
        matmul: inner sizes differ: \(a.shape)\(transposingA ? "ᵀ" : "") × \(b.shape)\(transposingB ? "ᵀ" : "") \
        (\(k) ≠ \(innerB))
        """)
}

/// The matrix product op(A)·op(B) on BLAS with `torch.matmul`'s semantics, where op transposes
/// the last two axes when asked (the flags cost nothing: BLAS reads the matrices transposed).
///
/// - Two vectors give their dot product (a scalar).
/// - Two matrices give a matrix (`gemm`, or `gemv` for one column).
/// - A vector on the left is read as a row, on the right as a column, and that added axis is
///   removed from the result: matrix × vector and vector × matrix give vectors.
/// - Tensors of rank 3 or more are stacks of matrices over their leading (batch) axes, which
///   broadcast as NumPy's do; see `batchedMatrixProduct`.
///
/// Traps when an operand is a scalar, a transposed operand is a vector, the inner sizes differ
/// or the batch axes do not broadcast.
///
///     C = A·B          Ā = unbroadcast(C̄·Bᵀ),   B̄ = unbroadcast(Aᵀ·C̄),   Ċ = Ȧ·B + A·Ḃ
public func matmul(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) -> Tensor {
    check(a.rank >= 1 && b.rank >= 1 && (a.rank >= 2 || !transposingA) && (b.rank >= 2 || !transposingB), """
        matmul: needs vectors, matrices or stacks of matrices (and matrices where transposed), \
        got shapes \(a.shape)\(transposingA ? "ᵀ" : "") and \(b.shape)\(transposingB ? "ᵀ" : "")
        """)
    checkInnerSizes(a, b, transposingA: transposingA, transposingB: transposingB)
    switch (a.rank, b.rank) {
    case (2, 2):
        return matrixProduct(a, b, transposingA: transposingA, transposingB: transposingB)
    case (1, 1):
        return matrixProduct(a.reshaped(to: [1, a.shape[0]]), b.reshaped(to: [b.shape[0], 1])).reshaped(to: [])
    case (2, 1):
        let product = matrixProduct(a, b.reshaped(to: [b.shape[0], 1]), transposingA: transposingA)
        return product.reshaped(to: [product.shape[0]])
    case (1, 2):
        let product = matrixProduct(b, a.reshaped(to: [a.shape[0], 1]), transposingA: !transposingB)
        return product.reshaped(to: [product.shape[0]])
    default:
        let product = batchedMatrixProduct(
            a.rank == 1 ? a.reshaped(to: [1, a.shape[0]]) : a, b.rank == 1 ? b.reshaped(to: [b.shape[0], 1]) : b,
            transposingA: transposingA, transposingB: transposingB)
        let batchAxes = Array(product.shape.dropLast(2))
        let rows = a.rank == 1 ? [] : [product.shape[product.rank - 2]]
        let columns = b.rank == 1 ? [] : [product.shape[product.rank - 1]]
        return product.reshaped(to: batchAxes + rows + columns)
    }
}

extension Tensor {
    /// The matrix product of this tensor and `other`; see `matmul(_:_:transposingA:transposingB:)`.
    public func matmul(_ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false) -> Tensor {
        Autograd.matmul(self, other, transposingA: transposingSelf, transposingB: transposingOther)
    }
}
