import CLinearAlgebra

/// The LAPACK and BLAS routines of the Cholesky family for each element type (`dpotrf` or
/// `spotrf`, ...), so the kernels below are written once over `KernelScalar`.
protocol CholeskyRoutines {
    /// A = L·Lᵀ in place for a row-major `n × n` A, reading and writing its lower triangle only
    /// (`LAPACKE_?potrf_work`); LAPACK's info.
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Self>?) -> Int
    /// B ← op(L)⁻¹·B in place, for the lower triangle of a row-major `n × n` L and a row-major
    /// B of `n` rows and `columns` columns (`cblas_?trsm`, left side, non-unit diagonal).
    static func trsm(
        _ transposeL: Bool, _ n: Int, _ columns: Int, _ l: UnsafePointer<Self>?, _ b: UnsafeMutablePointer<Self>?)
}

extension Float: CholeskyRoutines {
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Float>?) -> Int { cla_spotrf(n, a) }
    static func trsm(
        _ transposeL: Bool, _ n: Int, _ columns: Int, _ l: UnsafePointer<Float>?, _ b: UnsafeMutablePointer<Float>?
    ) { cla_strsm_lower(transposeL, n, columns, l, b) }
}

extension Double: CholeskyRoutines {
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Double>?) -> Int { cla_dpotrf(n, a) }
    static func trsm(
        _ transposeL: Bool, _ n: Int, _ columns: Int, _ l: UnsafePointer<Double>?, _ b: UnsafeMutablePointer<Double>?
    ) { cla_dtrsm_lower(transposeL, n, columns, l, b) }
}

extension Kernels {
    /// Why `choleskyFactor` failed: the leading minor of order `minor` is not positive definite.
    struct NotPositiveDefinite: Error {
        let minor: Int
    }

    /// The lower Cholesky factor L (A = L·Lᵀ) of a row-major `n × n` matrix, of which only the
    /// lower triangle is read (`potrf`); L's strict upper triangle is zero.
    static func choleskyFactor(_ a: TensorStorage, size n: Int) throws(NotPositiveDefinite) -> TensorStorage {
        switch a {
        case let .float32(values): .float32(try choleskyFactor(values, size: n))
        case let .float64(values): .float64(try choleskyFactor(values, size: n))
        }
    }

    private static func choleskyFactor<T: KernelScalar & CholeskyRoutines>(
        _ a: [T], size n: Int
    ) throws(NotPositiveDefinite) -> [T] {
        BLASRuntime.prepare()
        guard n > 0 else { return a }
        checkFitsBLASInteger(n, in: "cholesky of a \(n) × \(n) matrix")
        var factor = a
        let info = factor.withUnsafeMutableBufferPointer { T.potrf(n, $0.baseAddress) }
        // A negative info names an argument this file passed wrongly, never the data.
        check(info >= 0, "cholesky: LAPACK rejected argument \(-info) for a \(n) × \(n) matrix")
        guard info == 0 else { throw NotPositiveDefinite(minor: info) }
        for row in 0..<n {
            for column in (row + 1)..<n { factor[row * n + column] = 0 }
        }
        return factor
    }

    /// op(L)⁻¹·B for the lower triangle of a row-major `n × n` L (its strict upper triangle is
    /// never read) and a row-major B of `n` rows and `columns` columns (`trsm`), where op
    /// transposes when asked. A zero on L's diagonal gives ±∞ or NaN, as IEEE division does.
    static func solveLowerTriangular(
        _ l: TensorStorage, _ b: TensorStorage, size n: Int, columns: Int, transposingL: Bool
    ) -> TensorStorage {
        switch (l, b) {
        case let (.float32(l), .float32(b)):
            .float32(solveLowerTriangular(l, b, size: n, columns: columns, transposingL: transposingL))
        case let (.float64(l), .float64(b)):
            .float64(solveLowerTriangular(l, b, size: n, columns: columns, transposingL: transposingL))
        default: checkFailed("triangular solve kernel: operands have types \(l.dtype) and \(b.dtype)")
        }
    }

    private static func solveLowerTriangular<T: KernelScalar & CholeskyRoutines>(
        _ l: [T], _ b: [T], size n: Int, columns: Int, transposingL: Bool
    ) -> [T] {
        BLASRuntime.prepare()
        guard n > 0 && columns > 0 else { return b }
        checkFitsBLASInteger(Swift.max(n, columns), in: "triangular solve of a \(n) × \(n) matrix and \(columns) columns")
        var solution = b
        l.withUnsafeBufferPointer { l in
            solution.withUnsafeMutableBufferPointer { T.trsm(transposingL, n, columns, l.baseAddress, $0.baseAddress) }
        }
        return solution
    }
}
