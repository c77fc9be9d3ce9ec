import CLinearAlgebra

extension Kernels {
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
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                [Double](unsafeUninitializedCapacity: m * n) { c, initialized in
                    initialized = m * n
                    guard m > 0 && n > 0 else { return }
                    guard k > 0 else { return c.initialize(repeating: 0) }
                    if n == 1 {
                        cla_dgemv(transposeA, aRows, aColumns, 1, a.baseAddress, aColumns,
                                  b.baseAddress, 0, c.baseAddress)
                    } else {
                        cla_dgemm(transposeA, transposeB, m, n, k, 1, a.baseAddress, aColumns,
                                  b.baseAddress, bColumns, 0, c.baseAddress, n)
                    }
                }
            }
        }
    }

    /// The Euclidean norm of all values, free of overflow and underflow (BLAS `nrm2`).
    static func euclideanNorm(_ x: [Double]) -> Double {
        BLASRuntime.prepare()
        return x.withUnsafeBufferPointer { cla_dnrm2($0.count, $0.baseAddress) }
    }

    /// Why `invert` failed: LAPACK found the U factor's diagonal entry `pivot` (1-based) zero.
    struct ZeroPivot: Error {
        let pivot: Int
    }

    /// The inverse of an `n × n` row-major matrix by LU factorisation (`getrf` + `getri`).
    static func invert(_ x: [Double], size n: Int) throws(ZeroPivot) -> [Double] {
        BLASRuntime.prepare()
        var result = x
        guard n > 0 else { return result }
        var pivots = [Int32](repeating: 0, count: n)
        let info = result.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { pivots in
                let factorisation = cla_dgetrf(n, a.baseAddress, pivots.baseAddress)
                guard factorisation == 0 else { return factorisation }
                return cla_dgetri(n, a.baseAddress, pivots.baseAddress)
            }
        }
        check(info >= 0, "inverse: LAPACK rejected argument \(-info) for a \(n) × \(n) matrix")
        guard info == 0 else { throw ZeroPivot(pivot: info) }
        return result
    }
}
