import CLinearAlgebra

extension Kernels {
    /// Traps unless `size` fits the 32-bit integer that BLAS and LAPACK take for sizes and leading
    /// dimensions (`blasint` and `lapack_int` in Debian's OpenBLAS, the reference BLAS and LAPACKE),
    /// naming the operation and the size. Runs before anything is allocated for the call.
    @inline(__always)
    static func checkFitsBLASInteger(_ size: Int, in operation: @autoclosure () -> String) {
        check(
            size <= Int(Int32.max),
            "\(operation()): size \(size) exceeds \(Int32.max), the largest size the 32-bit BLAS/LAPACK interface takes")
    }

    /// The workspace size that a LAPACK query (`lwork = -1`) reported in `reported`, a value of
    /// the element type, rounded up to the next representable count and then one more unit in
    /// its last place: a float32 count above 2²⁴ may have been rounded down when LAPACK stored
    /// it (what LAPACK 3.10's `sroundup_lwork` guards against), and too small a workspace is an
    /// argument error.
    static func workspaceCount<T: KernelScalar>(reported: T) -> Int {
        Int(Double(reported.nextUp).rounded(.up))
    }

    /// op(A)·op(B) for row-major A and B of one element type, where op transposes when asked.
    /// `a` is stored as `aRows × aColumns`, `b` as `bRows × bColumns`.
    static func matrixProduct(
        _ a: TensorStorage, rows aRows: Int, columns aColumns: Int, transposed transposeA: Bool,
        _ b: TensorStorage, rows bRows: Int, columns bColumns: Int, transposed transposeB: Bool
    ) -> TensorStorage {
        switch (a, b) {
        case let (.float32(a), .float32(b)):
            .float32(matrixProduct(a, rows: aRows, columns: aColumns, transposed: transposeA,
                                   b, rows: bRows, columns: bColumns, transposed: transposeB))
        case let (.float64(a), .float64(b)):
            .float64(matrixProduct(a, rows: aRows, columns: aColumns, transposed: transposeA,
                                   b, rows: bRows, columns: bColumns, transposed: transposeB))
        default: checkFailed("matmul kernel: operands have types \(a.dtype) and \(b.dtype)")
        }
    }

    private static func matrixProduct<T: KernelScalar>(
        _ a: [T], rows aRows: Int, columns aColumns: Int, transposed transposeA: Bool,
        _ b: [T], rows bRows: Int, columns bColumns: Int, transposed transposeB: Bool
    ) -> [T] {
        BLASRuntime.prepare()
        MemoryTuning.prepare()
        let m = transposeA ? aColumns : aRows
        let k = transposeA ? aRows : aColumns
        let n = transposeB ? bRows : bColumns
        guard m > 0 && n > 0 && k > 0 else { return [T](repeating: 0, count: m * n) }
        // Every size and leading dimension passed below is m, n or k.
        checkFitsBLASInteger(Swift.max(m, n, k), in: "matmul of \(aRows) × \(aColumns) and \(bRows) × \(bColumns) matrices")
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [T](unsafeUninitializedCapacity: m * n) { c, initialized in
                    multiplyMatrices(a.baseAddress!, rows: aRows, columns: aColumns, transposed: transposeA,
                                     b.baseAddress!, rows: bRows, columns: bColumns, transposed: transposeB,
                                     into: c.baseAddress!)
                    initialized = m * n
                }
            }
        }
    }

    /// The Euclidean norm of all values, free of overflow and underflow (BLAS `nrm2`), as a
    /// one-element storage of the values' type.
    static func euclideanNorm(_ x: TensorStorage) -> TensorStorage {
        switch x {
        case let .float32(values): .float32([euclideanNorm(values)])
        case let .float64(values): .float64([euclideanNorm(values)])
        }
    }

    private static func euclideanNorm<T: KernelScalar>(_ x: [T]) -> T {
        BLASRuntime.prepare()
        checkFitsBLASInteger(x.count, in: "frobeniusNorm of \(x.count) values")
        return x.withUnsafeBufferPointer { T.nrm2($0.count, $0.baseAddress) }
    }

    /// Why `invert` failed: LAPACK found the U factor's diagonal entry `pivot` (1-based) zero.
    struct ZeroPivot: Error {
        let pivot: Int
    }

    /// Factorises the `n × n` row-major `a` in place as P·A = L·U (`getrf`, partial pivoting),
    /// writing the row interchanges (1-based, LAPACK's) to `pivots`, and returns the 1-based
    /// position of U's first exactly zero pivot, or 0; a zero pivot does not stop the
    /// factorisation. The one `getrf` call of the inverse, solves and determinants.
    ///
    /// A negative info names an argument this file passed wrongly, never the data (the `_work`
    /// variant does no NaN check): that traps, naming `operation`.
    static func factorizeLU<T: KernelScalar>(_ a: inout [T], size n: Int, pivots: inout [Int32], operation: String) -> Int {
        guard n > 0 else { return 0 }
        let info = a.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { T.getrf(n, a.baseAddress, $0.baseAddress) }
        }
        check(info >= 0, "\(operation): LAPACK's getrf rejected argument \(-info) for a \(n) × \(n) matrix")
        return info
    }

    /// The inverse of an `n × n` row-major matrix by LU factorisation (`getrf` + `getri`).
    ///
    /// NaN and ±∞ are not rejected: they go through the factorisation's IEEE arithmetic, as in
    /// LAPACK called directly (what `torch.linalg.inv` does); a float32 matrix holding them is
    /// inverted in float64 (see `TensorStorage.needsFloat64Factorisation`).
    static func invert(_ x: TensorStorage, size n: Int) throws(ZeroPivot) -> TensorStorage {
        switch x {
        case .float32 where x.needsFloat64Factorisation:
            try invert(x.converted(to: .float64), size: n).converted(to: .float32)
        case let .float32(values): .float32(try invert(values, size: n))
        case let .float64(values): .float64(try invert(values, size: n))
        }
    }

    private static func invert<T: KernelScalar>(_ x: [T], size n: Int) throws(ZeroPivot) -> [T] {
        BLASRuntime.prepare()
        guard n > 0 else { return x }
        checkFitsBLASInteger(n, in: "inverse of a \(n) × \(n) matrix")
        var result = x
        var pivots = [Int32](repeating: 0, count: n)
        let zeroPivot = factorizeLU(&result, size: n, pivots: &pivots, operation: "inverse")
        guard zeroPivot == 0 else { throw ZeroPivot(pivot: zeroPivot) }
        let info = result.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { pivots in
                var optimalCount: T = 0
                let query = T.getri(n, a.baseAddress, pivots.baseAddress, &optimalCount, -1)
                guard query == 0 else { return query }
                let workCount = Swift.max(n, workspaceCount(reported: optimalCount))
                var work = [T](repeating: 0, count: workCount)
                return T.getri(n, a.baseAddress, pivots.baseAddress, &work, workCount)
            }
        }
        // getri's info is 0 or an argument this file passed wrongly, never the data: getrf has
        // reported every zero pivot.
        check(info == 0, "inverse: LAPACK's getri rejected argument \(-info) for a \(n) × \(n) matrix")
        return result
    }
}
