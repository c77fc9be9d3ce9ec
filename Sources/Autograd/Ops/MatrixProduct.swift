// MARK: - Matrix product

/// The product op(A)·op(B) of two matrices, where op transposes when asked. BLAS reads the
/// transpose flags directly, so no transposed copy is ever made, and the rules are again
/// products with flags:
///
///     C = A·B          Ā = C̄·Bᵀ,   B̄ = Aᵀ·C̄,   Ċ = Ȧ·B + A·Ḃ
func matrixProduct(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) -> Tensor {
    check(a.rank == 2 && b.rank == 2, "matmul: needs matrices or vectors, got shapes \(a.shape) and \(b.shape)")
    let (m, k) = transposingA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (innerB, n) = transposingB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    check(k == innerB, """
        matmul: inner sizes differ: \(a.shape)\(transposingA ? "ᵀ" : "") × \(b.shape)\(transposingB ? "ᵀ" : "") \
        (\(k) ≠ \(innerB))
        """)
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

/// The matrix product op(A)·op(B) on BLAS (`gemm`, or `gemv` for one column), where op
/// transposes when asked; the flags cost nothing (BLAS reads the matrices transposed).
///
/// Matrix × matrix gives a matrix; matrix × vector and vector × matrix give a vector
/// (transpose flags need matrices). Traps when the inner sizes differ.
///
///     C = A·B          Ā = C̄·Bᵀ,   B̄ = Aᵀ·C̄
public func matmul(_ a: Tensor, _ b: Tensor, transposingA: Bool = false, transposingB: Bool = false) -> Tensor {
    switch (a.rank, b.rank) {
    case (2, 2):
        return matrixProduct(a, b, transposingA: transposingA, transposingB: transposingB)
    case (2, 1) where !transposingA && !transposingB:
        check(a.shape[1] == b.shape[0], "matmul: inner sizes differ: \(a.shape) × \(b.shape)")
        return matrixProduct(a, b.reshaped(to: [b.shape[0], 1])).reshaped(to: [a.shape[0]])
    case (1, 2) where !transposingA && !transposingB:
        check(a.shape[0] == b.shape[0], "matmul: inner sizes differ: \(a.shape) × \(b.shape)")
        return matrixProduct(b, a.reshaped(to: [a.shape[0], 1]), transposingA: true).reshaped(to: [b.shape[1]])
    default:
        checkFailed("""
            matmul: needs matrices or vectors (and matrices when transposing), got shapes \(a.shape) and \(b.shape)
            """)
    }
}

extension Tensor {
    /// The matrix product of this tensor and `other`; see `matmul(_:_:transposingA:transposingB:)`.
    public func matmul(_ other: Tensor, transposingSelf: Bool = false, transposingOther: Bool = false) -> Tensor {
        Autograd.matmul(self, other, transposingA: transposingSelf, transposingB: transposingOther)
    }
}
