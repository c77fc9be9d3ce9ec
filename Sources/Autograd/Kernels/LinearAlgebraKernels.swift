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

    /// op(A)·op(B) for row-major A and B, where op transposes when asked.
    /// `a` is stored as `aRows × aColumns`, `b` as `bRows × bColumns`.
    static func matrixProduct(
        _ a: [Double], rows aRows: Int, columns aColumns: Int, transposed transposeA: Bool,
        _ b: [Double], rows bRows: Int, columns bColumns: Int, transposed transposeB: Bool
    ) -> [Double] {
        BLASRuntime.prepare()
        MemoryTuning.prepare()
        let m = transposeA ? aColumns : aRows
        let k = transposeA ? aRows : aColumns
        let n = transposeB ? bRows : bColumns
        guard m > 0 && n > 0 && k > 0 else { return [Double](repeating: 0, count: m * n) }
        // Every size and leading dimension passed below is m, n or k.
        checkFitsBLASInteger(Swift.max(m, n, k), in: "matmul of \(aRows) × \(aColumns) and \(bRows) × \(bColumns) matrices")
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [Double](unsafeUninitializedCapacity: m * n) { c, initialized in
                    if n == 1 {
                        cla_dgemv(transposeA, aRows, aColumns, 1, a.baseAddress, aColumns,
                                  b.baseAddress, 0, c.baseAddress)
                    } else {
                        cla_dgemm(transposeA, transposeB, m, n, k, 1, a.baseAddress, aColumns,
                                  b.baseAddress, bColumns, 0, c.baseAddress, n)
                    }
                    initialized = m * n
                }
            }
        }
    }

    /// The Euclidean norm of all values, free of overflow and underflow (BLAS `nrm2`).
    static func euclideanNorm(_ x: [Double]) -> Double {
        BLASRuntime.prepare()
        checkFitsBLASInteger(x.count, in: "frobeniusNorm of \(x.count) values")
        return x.withUnsafeBufferPointer { cla_dnrm2($0.count, $0.baseAddress) }
    }

    /// Why `invert` failed: LAPACK found the U factor's diagonal entry `pivot` (1-based) zero.
    struct ZeroPivot: Error {
        let pivot: Int
    }

    /// The inverse of an `n × n` row-major matrix by LU factorisation (`getrf` + `getri`).
    ///
    /// NaN and ±∞ are not rejected: they go through the factorisation's IEEE arithmetic, as in
    /// LAPACK called directly (what `torch.linalg.inv` does).
    static func invert(_ x: [Double], size n: Int) throws(ZeroPivot) -> [Double] {
        BLASRuntime.prepare()
        guard n > 0 else { return x }
        checkFitsBLASInteger(n, in: "inverse of a \(n) × \(n) matrix")
        var result = x
        var pivots = [Int32](repeating: 0, count: n)
        let info = result.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { pivots in
                let factorisation = cla_dgetrf(n, a.baseAddress, pivots.baseAddress)
                guard factorisation == 0 else { return factorisation }
                var optimalCount = 0.0
                let query = cla_dgetri(n, a.baseAddress, pivots.baseAddress, &optimalCount, -1)
                guard query == 0 else { return query }
                let workCount = Swift.max(n, Int(optimalCount))
                var work = [Double](repeating: 0, count: workCount)
                return cla_dgetri(n, a.baseAddress, pivots.baseAddress, &work, workCount)
            }
        }
        // A negative info names an argument this file passed wrongly, never the data: the `_work`
        // variants do no NaN check.
        check(info >= 0, "inverse: LAPACK rejected argument \(-info) for a \(n) × \(n) matrix")
        guard info == 0 else { throw ZeroPivot(pivot: info) }
        return result
    }
}
