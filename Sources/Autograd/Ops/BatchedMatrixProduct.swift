// MARK: - Batched matrix product

/// op(Aᵦ)·op(Bᵦ) for every index β of the broadcast batch, where A and B have rank ≥ 2: their
/// leading axes are batch axes that broadcast as NumPy's do, their last two a matrix, and op
/// transposes the matrix when asked. Three routes, the same values and rules:
///
/// - two matrices: the 2-D product (`matrixProduct`);
/// - a batch that folds into rows (B one matrix, A not transposed): one GEMM of A's rows
///   stacked, `(batch·m) × k` times `k × n`, reshaped back;
/// - otherwise a loop of GEMMs over the broadcast batch (`Kernels.batchedMatrixProduct`),
///   reading a broadcast matrix again rather than copying it.
///
/// Traps naming `matmul` and both shapes when the batch axes do not broadcast or the inner sizes
/// differ.
///
///     Cᵦ = op(Aᵦ)·op(Bᵦ)    Ā = unbroadcast(C̄·op(B)ᵀ),   B̄ = unbroadcast(op(A)ᵀ·C̄),   Ċ = Ȧ·B + A·Ḃ
func batchedMatrixProduct(_ a: Tensor, _ b: Tensor, transposingA: Bool, transposingB: Bool) -> Tensor {
    if a.rank == 2 && b.rank == 2 {
        return matrixProduct(a, b, transposingA: transposingA, transposingB: transposingB)
    }
    let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
    guard let batch = broadcastShape(batchA, batchB) else {
        checkFailed("matmul: batch axes \(batchA) and \(batchB) of shapes \(a.shape) and \(b.shape) do not broadcast")
    }
    checkInnerSizes(a, b, transposingA: transposingA, transposingB: transposingB)
    let (a, b) = promoted(a, b)
    let (aRows, aColumns) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (bRows, bColumns) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let m = transposingA ? aColumns : aRows
    let n = transposingB ? bRows : bColumns
    if !transposingA && batchB.reduce(1, *) == 1 {
        let stackedRows = a.reshaped(to: [batchA.reduce(1, *) * aRows, aColumns])
        return matrixProduct(stackedRows, b.reshaped(to: [bRows, bColumns]), transposingB: transposingB)
            .reshaped(to: batch + [m, n])
    }
    return loopedMatrixProduct(a, b, batch: batch, rows: m, columns: n, transposingA: transposingA, transposingB: transposingB)
}

/// The batched product as one primitive over a loop of GEMMs; its rules are batched products
/// again, summed back over the axes that broadcast.
private func loopedMatrixProduct(
    _ a: Tensor, _ b: Tensor, batch: [Int], rows m: Int, columns n: Int, transposingA: Bool, transposingB: Bool
) -> Tensor {
    let (aShape, bShape) = (a.shape, b.shape)
    return Tensor.primitive(
        "matmul", shape: batch + [m, n],
        storage: Kernels.batchedMatrixProduct(
            a.storage, shape: aShape, transposed: transposingA, b.storage, shape: bShape, transposed: transposingB,
            batchShape: batch),
        inputs: [a, b],
        pullback: { g, _, isNeeded in
            let gradientA = !isNeeded(0) ? nil : transposingA
                ? batchedMatrixProduct(b, g, transposingA: transposingB, transposingB: true)
                : batchedMatrixProduct(g, b, transposingA: false, transposingB: !transposingB)
            let gradientB = !isNeeded(1) ? nil : transposingB
                ? batchedMatrixProduct(g, a, transposingA: true, transposingB: transposingA)
                : batchedMatrixProduct(a, g, transposingA: !transposingA, transposingB: false)
            return [gradientA?.unbroadcast(to: aShape), gradientB?.unbroadcast(to: bShape)]
        },
        differential: { tangents, _ in
            sumOfTerms(
                tangents[0].map { batchedMatrixProduct($0, b, transposingA: transposingA, transposingB: transposingB) },
                tangents[1].map { batchedMatrixProduct(a, $0, transposingA: transposingA, transposingB: transposingB) })
        })
}
