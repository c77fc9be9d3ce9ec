import CLinearAlgebra

/// The LAPACK routines of the QR family per element type: `geqrf` (Householder QR) and `orgqr`
/// (Q from its reflectors), both row-major, both taking a workspace whose size a call with a
/// `workCount` of -1 asks for.
protocol QRRoutines {
    /// A = Q·R in place for a row-major `m × n` A, m ≥ n (`LAPACKE_?geqrf_work`): R on and above
    /// the diagonal, Householder reflectors below it, their scalars in `tau`; LAPACK's info.
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>?, _ tau: UnsafeMutablePointer<Self>?,
        _ work: UnsafeMutablePointer<Self>?, _ workCount: Int) -> Int
    /// The `m × n` Q with orthonormal columns from `geqrf`'s reflectors and `tau`, in place
    /// (`LAPACKE_?orgqr_work`); LAPACK's info.
    static func orgqr(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>?, _ tau: UnsafePointer<Self>?,
        _ work: UnsafeMutablePointer<Self>?, _ workCount: Int) -> Int
}

extension Float: QRRoutines {
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>?, _ tau: UnsafeMutablePointer<Float>?,
        _ work: UnsafeMutablePointer<Float>?, _ workCount: Int
    ) -> Int { cla_sgeqrf(m, n, a, tau, work, workCount) }
    static func orgqr(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>?, _ tau: UnsafePointer<Float>?,
        _ work: UnsafeMutablePointer<Float>?, _ workCount: Int
    ) -> Int { cla_sorgqr(m, n, a, tau, work, workCount) }
}

extension Double: QRRoutines {
    static func geqrf(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>?, _ tau: UnsafeMutablePointer<Double>?,
        _ work: UnsafeMutablePointer<Double>?, _ workCount: Int
    ) -> Int { cla_dgeqrf(m, n, a, tau, work, workCount) }
    static func orgqr(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>?, _ tau: UnsafePointer<Double>?,
        _ work: UnsafeMutablePointer<Double>?, _ workCount: Int
    ) -> Int { cla_dorgqr(m, n, a, tau, work, workCount) }
}

extension Kernels {
    /// The reduced QR factorisation of a row-major `m × n` matrix, m ≥ n (`geqrf`, then `orgqr`):
    /// Q (`m × n`, orthonormal columns) and R (`n × n`, upper triangular, zeros below), with
    /// LAPACK's signs (R's diagonal may be negative).
    static func qrFactorisation(_ a: TensorStorage, rows m: Int, columns n: Int) -> (q: TensorStorage, r: TensorStorage) {
        switch a {
        case let .float32(values):
            let (q, r) = qrFactorisation(values, rows: m, columns: n)
            return (.float32(q), .float32(r))
        case let .float64(values):
            let (q, r) = qrFactorisation(values, rows: m, columns: n)
            return (.float64(q), .float64(r))
        }
    }

    private static func qrFactorisation<T: KernelScalar & QRRoutines>(
        _ a: [T], rows m: Int, columns n: Int
    ) -> (q: [T], r: [T]) {
        guard n > 0 else { return ([], []) }
        checkFitsBLASInteger(m, in: "qrDecomposition of a \(m) × \(n) matrix")
        BLASRuntime.prepare()
        var factors = a
        var tau = [T](repeating: 0, count: n)
        var r = [T](repeating: 0, count: n * n)
        factors.withUnsafeMutableBufferPointer { factors in
            tau.withUnsafeMutableBufferPointer { tau in
                let a = factors.baseAddress, tau = tau.baseAddress
                // Ask both routines for their workspace, then run them with the larger.
                var geqrfCount: T = 0, orgqrCount: T = 0
                checkInfo(T.geqrf(m, n, a, tau, &geqrfCount, -1), "geqrf", m, n)
                checkInfo(T.orgqr(m, n, a, tau, &orgqrCount, -1), "orgqr", m, n)
                let workCount = Swift.max(n, workspaceCount(reported: geqrfCount), workspaceCount(reported: orgqrCount))
                var work = [T](repeating: 0, count: workCount)
                checkInfo(T.geqrf(m, n, a, tau, &work, workCount), "geqrf", m, n)
                for row in 0..<n {
                    for column in row..<n { r[row * n + column] = factors[row * n + column] }
                }
                checkInfo(T.orgqr(m, n, a, tau, &work, workCount), "orgqr", m, n)
            }
        }
        return (factors, r)
    }

    /// Traps unless LAPACK's `info` is 0: for `geqrf` and `orgqr` a nonzero info names an argument
    /// this file passed wrongly, never the data.
    private static func checkInfo(_ info: Int, _ routine: String, _ m: Int, _ n: Int) {
        check(info == 0, "qrDecomposition: LAPACK's \(routine) rejected argument \(-info) for a \(m) × \(n) matrix")
    }
}
