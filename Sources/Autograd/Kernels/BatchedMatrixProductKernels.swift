extension Kernels {
    /// op(A)·op(B) for row-major matrices at raw pointers, written to `c` (`m × n`, where m and n
    /// are op(A)'s rows and op(B)'s columns): `gemv` when op(B) is one column, else `gemm`. The one
    /// BLAS call of the 2-D product and of each matrix of a batched product, so the two agree bit
    /// for bit. The sizes must be positive and fit BLAS's 32-bit integers.
    @inline(__always)
    static func multiplyMatrices<T: KernelScalar>(
        _ a: UnsafePointer<T>, rows aRows: Int, columns aColumns: Int, transposed transposeA: Bool,
        _ b: UnsafePointer<T>, rows bRows: Int, columns bColumns: Int, transposed transposeB: Bool,
        into c: UnsafeMutablePointer<T>
    ) {
        let m = transposeA ? aColumns : aRows
        let k = transposeA ? aRows : aColumns
        let n = transposeB ? bRows : bColumns
        if n == 1 {
            T.gemv(transposeA, aRows, aColumns, 1, a, aColumns, b, 0, c)
        } else {
            T.gemm(transposeA, transposeB, m, n, k, 1, a, aColumns, b, bColumns, 0, c, n)
        }
    }

    /// op(Aᵦ)·op(Bᵦ) for every index β of `batchShape`, one BLAS call per matrix: A has shape
    /// `aShape` (leading batch axes, then a matrix), B `bShape`, and their batch axes broadcast to
    /// `batchShape` by reading a repeated matrix again (stride 0), never by copying it.
    static func batchedMatrixProduct(
        _ a: TensorStorage, shape aShape: [Int], transposed transposeA: Bool,
        _ b: TensorStorage, shape bShape: [Int], transposed transposeB: Bool,
        batchShape: [Int]
    ) -> TensorStorage {
        switch (a, b) {
        case let (.float32(a), .float32(b)):
            .float32(batchedMatrixProduct(a, shape: aShape, transposed: transposeA,
                                          b, shape: bShape, transposed: transposeB, batchShape: batchShape))
        case let (.float64(a), .float64(b)):
            .float64(batchedMatrixProduct(a, shape: aShape, transposed: transposeA,
                                          b, shape: bShape, transposed: transposeB, batchShape: batchShape))
        default: checkFailed("matmul kernel: operands have types \(a.dtype) and \(b.dtype)")
        }
    }

    private static func batchedMatrixProduct<T: KernelScalar>(
        _ a: [T], shape aShape: [Int], transposed transposeA: Bool,
        _ b: [T], shape bShape: [Int], transposed transposeB: Bool,
        batchShape: [Int]
    ) -> [T] {
        BLASRuntime.prepare()
        MemoryTuning.prepare()
        let (aRows, aColumns) = (aShape[aShape.count - 2], aShape[aShape.count - 1])
        let (bRows, bColumns) = (bShape[bShape.count - 2], bShape[bShape.count - 1])
        let m = transposeA ? aColumns : aRows
        let k = transposeA ? aRows : aColumns
        let n = transposeB ? bRows : bColumns
        let count = batchShape.reduce(1, *) * m * n
        guard count > 0 && k > 0 else { return [T](repeating: 0, count: count) }
        checkFitsBLASInteger(Swift.max(m, n, k), in: "matmul of stacks of shapes \(aShape) and \(bShape)")
        let aStrides = broadcastStrides(of: Array(aShape.dropLast(2)), to: batchShape).map { $0 * aRows * aColumns }
        let bStrides = broadcastStrides(of: Array(bShape.dropLast(2)), to: batchShape).map { $0 * bRows * bColumns }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [T](unsafeUninitializedCapacity: count) { c, initialized in
                    forEachIndex(of: batchShape, strides: aStrides, bStrides) { batch, aOffset, bOffset in
                        multiplyMatrices(
                            a.baseAddress! + aOffset, rows: aRows, columns: aColumns, transposed: transposeA,
                            b.baseAddress! + bOffset, rows: bRows, columns: bColumns, transposed: transposeB,
                            into: c.baseAddress! + batch * m * n)
                    }
                    initialized = count
                }
            }
        }
    }
}
