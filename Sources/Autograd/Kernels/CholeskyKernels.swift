import CLinearAlgebra

/// The LAPACK routine of the Cholesky factorisation for each element type (`dpotrf` or
/// `spotrf`), so the kernel below is written once over `KernelScalar`. (Its triangular solves
/// are `triangularSolve`'s, in SolveKernels.swift.)
protocol CholeskyRoutines {
    /// A = L·Lᵀ in place for a row-major `n × n` A, reading and writing its lower triangle only
    /// (`LAPACKE_?potrf_work`); LAPACK's info.
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Self>?) -> Int
}

extension Float: CholeskyRoutines {
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Float>?) -> Int { cla_spotrf(n, a) }
}

extension Double: CholeskyRoutines {
    static func potrf(_ n: Int, _ a: UnsafeMutablePointer<Double>?) -> Int { cla_dpotrf(n, a) }
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
}
