import CLinearAlgebra

// The symmetric eigendecomposition (LAPACK `syevd`) and the reduced singular value
// decomposition (`gesdd`), both divide and conquer. Each kernel returns its factors packed in one
// storage, so that the op above can make them one graph node and slice them.

/// The LAPACK routines of the spectral family for each element type (`d…` or `s…`), so the
/// kernels below are written once over `KernelScalar`.
protocol SpectralRoutines {
    /// Eigenvalues (ascending, into `w`) and eigenvectors (the columns of `a`, in place) of a
    /// symmetric row-major `n × n` matrix of which only the lower triangle is read
    /// (`LAPACKE_?syevd_work`, jobz 'V'); `workCount` or `integerWorkCount` −1 queries the
    /// workspace sizes into `work[0]` and `integerWork[0]`. LAPACK's info.
    static func syevd(
        _ n: Int, _ a: UnsafeMutablePointer<Self>?, _ w: UnsafeMutablePointer<Self>?, _ work: UnsafeMutablePointer<Self>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?, _ integerWorkCount: Int) -> Int

    /// A = U·diag(s)·Vᵀ for a row-major `m × n` A, destroyed (`LAPACKE_?gesdd_work`, jobz 'S'):
    /// s (k = min(m, n), descending), U (`m × k`), Vᵀ (`k × n`); `integerWork` holds 8k values;
    /// `workCount` −1 queries the workspace size into `work[0]`. LAPACK's info.
    static func gesdd(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>?, _ s: UnsafeMutablePointer<Self>?,
        _ u: UnsafeMutablePointer<Self>?, _ vt: UnsafeMutablePointer<Self>?, _ work: UnsafeMutablePointer<Self>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?) -> Int
}

extension Float: SpectralRoutines {
    static func syevd(
        _ n: Int, _ a: UnsafeMutablePointer<Float>?, _ w: UnsafeMutablePointer<Float>?, _ work: UnsafeMutablePointer<Float>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?, _ integerWorkCount: Int
    ) -> Int { cla_ssyevd(n, a, w, work, workCount, integerWork, integerWorkCount) }

    static func gesdd(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>?, _ s: UnsafeMutablePointer<Float>?,
        _ u: UnsafeMutablePointer<Float>?, _ vt: UnsafeMutablePointer<Float>?, _ work: UnsafeMutablePointer<Float>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?
    ) -> Int { cla_sgesdd(m, n, a, s, u, vt, work, workCount, integerWork) }
}

extension Double: SpectralRoutines {
    static func syevd(
        _ n: Int, _ a: UnsafeMutablePointer<Double>?, _ w: UnsafeMutablePointer<Double>?, _ work: UnsafeMutablePointer<Double>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?, _ integerWorkCount: Int
    ) -> Int { cla_dsyevd(n, a, w, work, workCount, integerWork, integerWorkCount) }

    static func gesdd(
        _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>?, _ s: UnsafeMutablePointer<Double>?,
        _ u: UnsafeMutablePointer<Double>?, _ vt: UnsafeMutablePointer<Double>?, _ work: UnsafeMutablePointer<Double>?,
        _ workCount: Int, _ integerWork: UnsafeMutablePointer<Int32>?
    ) -> Int { cla_dgesdd(m, n, a, s, u, vt, work, workCount, integerWork) }
}

extension Kernels {
    /// Why a spectral kernel failed: the input holds NaN or ±∞, or LAPACK's iteration did not
    /// converge; `reason` says which, in words.
    struct NoConvergence: Error {
        let reason: String
    }

    /// The eigenvalues λ (ascending) and orthonormal eigenvectors V (columns) of a symmetric
    /// row-major `n × n` matrix of which only the lower triangle is read (`syevd`), packed as
    /// n values of λ followed by V row-major: an `(n + 1) × n` row-major block.
    static func symmetricEigendecomposition(_ a: TensorStorage, size n: Int) throws(NoConvergence) -> TensorStorage {
        switch a {
        case let .float32(values): .float32(try symmetricEigendecomposition(values, size: n))
        case let .float64(values): .float64(try symmetricEigendecomposition(values, size: n))
        }
    }

    private static func symmetricEigendecomposition<T: KernelScalar & SpectralRoutines>(
        _ a: [T], size n: Int
    ) throws(NoConvergence) -> [T] {
        BLASRuntime.prepare()
        guard n > 0 else { return [] }
        checkFitsBLASInteger(n * n, in: "symmetricEigendecomposition of a \(n) × \(n) matrix")
        for row in 0..<n where !a[(row * n)...(row * n + row)].allSatisfy(\.isFinite) {
            throw NoConvergence(reason: "the lower triangle holds NaN or an infinity (row \(row))")
        }
        var vectors = a, values = [T](repeating: 0, count: n)
        let info = vectors.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                var optimalCount: T = 0, optimalIntegerCount: Int32 = 0
                let query = T.syevd(n, a.baseAddress, w.baseAddress, &optimalCount, -1, &optimalIntegerCount, -1)
                guard query == 0 else { return query }
                let workCount = Swift.max(1, workspaceCount(reported: optimalCount)), integerWorkCount = Swift.max(1, Int(optimalIntegerCount))
                var work = [T](repeating: 0, count: workCount)
                var integerWork = [Int32](repeating: 0, count: integerWorkCount)
                return T.syevd(n, a.baseAddress, w.baseAddress, &work, workCount, &integerWork, integerWorkCount)
            }
        }
        // A negative info names an argument this file passed wrongly, never the data.
        check(info >= 0, "symmetricEigendecomposition: LAPACK's syevd rejected argument \(-info) for a \(n) × \(n) matrix")
        guard info == 0 else {
            throw NoConvergence(reason: "LAPACK's syevd failed to compute an eigenvalue (info \(info))")
        }
        return values + vectors
    }

    /// The reduced singular value decomposition A = U·diag(s)·Vᵀ of a row-major `m × n` matrix
    /// (`gesdd`), k = min(m, n), s descending, packed as U (`m × k`), s (k), then Vᵀ (`k × n`),
    /// each row-major.
    static func singularValueDecomposition(_ a: TensorStorage, rows m: Int, columns n: Int) throws(NoConvergence) -> TensorStorage {
        switch a {
        case let .float32(values): .float32(try singularValueDecomposition(values, rows: m, columns: n))
        case let .float64(values): .float64(try singularValueDecomposition(values, rows: m, columns: n))
        }
    }

    private static func singularValueDecomposition<T: KernelScalar & SpectralRoutines>(
        _ a: [T], rows m: Int, columns n: Int
    ) throws(NoConvergence) -> [T] {
        BLASRuntime.prepare()
        let k = Swift.min(m, n)
        guard k > 0 else { return [] }
        checkFitsBLASInteger(m * n, in: "singularValueDecomposition of a \(m) × \(n) matrix")
        if let offset = a.firstIndex(where: { !$0.isFinite }) {
            throw NoConvergence(reason: "the matrix holds NaN or an infinity (row \(offset / n), column \(offset % n))")
        }
        var matrix = a
        var values = [T](repeating: 0, count: k), u = [T](repeating: 0, count: m * k), vt = [T](repeating: 0, count: k * n)
        var integerWork = [Int32](repeating: 0, count: 8 * k)
        let info = matrix.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { s in
                u.withUnsafeMutableBufferPointer { u in
                    vt.withUnsafeMutableBufferPointer { vt in
                        var optimalCount: T = 0
                        let query = T.gesdd(m, n, a.baseAddress, s.baseAddress, u.baseAddress, vt.baseAddress,
                                            &optimalCount, -1, &integerWork)
                        guard query == 0 else { return query }
                        let workCount = Swift.max(1, workspaceCount(reported: optimalCount))
                        var work = [T](repeating: 0, count: workCount)
                        return T.gesdd(m, n, a.baseAddress, s.baseAddress, u.baseAddress, vt.baseAddress,
                                       &work, workCount, &integerWork)
                    }
                }
            }
        }
        check(info >= 0, "singularValueDecomposition: LAPACK's gesdd rejected argument \(-info) for a \(m) × \(n) matrix")
        guard info == 0 else {
            throw NoConvergence(reason: "LAPACK's gesdd: the bidiagonal divide and conquer did not converge (info \(info))")
        }
        return u + values + vt
    }
}
