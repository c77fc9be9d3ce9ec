import CLinearAlgebra
import RealModule

/// A tensor's values in its element type, contiguous and row-major. Kernels take and return
/// storage; each switches on the type once, outside its loops, and runs a loop specialised for
/// that type.
enum TensorStorage {
    case float32([Float])
    case float64([Double])

    /// The element type.
    var dtype: DType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        }
    }

    /// The number of values.
    var count: Int {
        switch self {
        case let .float32(values): values.count
        case let .float64(values): values.count
        }
    }

    /// `count` copies of `value` in `dtype` (rounded to the nearest float32 there).
    init(repeating value: Double, count: Int, dtype: DType) {
        switch dtype {
        case .float32: self = .float32([Float](repeating: Float(value), count: count))
        case .float64: self = .float64([Double](repeating: value, count: count))
        }
    }

    /// The values as `Double`s; exact for both types (float32 widens without rounding).
    var doubles: [Double] {
        switch self {
        case let .float32(values): values.map(Double.init)
        case let .float64(values): values
        }
    }

    /// The values in `dtype`: the same storage when it already has that type, else each value
    /// converted (to float32: rounded to nearest, ties to even, as PyTorch's `.float()`).
    func converted(to dtype: DType) -> TensorStorage {
        switch (self, dtype) {
        case (.float32, .float32), (.float64, .float64): self
        case let (.float64(values), .float32): .float32(Kernels.buffer(count: values.count) { output in
            for index in values.indices { output[index] = Float(values[index]) }
        })
        case let (.float32(values), .float64): .float64(Kernels.buffer(count: values.count) { output in
            for index in values.indices { output[index] = Double(values[index]) }
        })
        }
    }

    /// Whether these are float32 values of which one is NaN or ±∞. LU factorisations of such
    /// matrices run in float64: OpenBLAS 0.3.21's `sgetrf` drops NaN from its L factor (on
    /// [[NaN, 1], [1, 1]] it leaves L₂₁ = 0 where `dgetrf` gives NaN), so NaN in would not give
    /// NaN out of an inverse, a solve or a determinant.
    var needsFloat64Factorisation: Bool {
        guard case let .float32(values) = self else { return false }
        return values.contains { !$0.isFinite }
    }

    /// The values of `parts`, which share one type, one after another.
    static func joined(_ parts: [TensorStorage]) -> TensorStorage {
        switch parts.first?.dtype ?? .float64 {
        case .float32: .float32(parts.flatMap(Float.values(of:)))
        case .float64: .float64(parts.flatMap(Double.values(of:)))
        }
    }

    /// The values in the Swift type `Scalar`, converted when it is not their own.
    ///
    /// When `Scalar` is their own type the array itself is returned (shared, copied on write):
    /// `unsafeBitCast` between identical types, since `as! [Scalar]` in this generic (and,
    /// called from another module, unspecialised) function casts element by element at run
    /// time (1.1 ms for 269,322 floats, measured with perf in AutogradDistributed's benchmark).
    func values<Scalar: TensorScalar>(as _: Scalar.Type) -> [Scalar] {
        switch self {
        case let .float32(values): Scalar.self == Float.self ? unsafeBitCast(values, to: [Scalar].self) : values.map(Scalar.init)
        case let .float64(values): Scalar.self == Double.self ? unsafeBitCast(values, to: [Scalar].self) : values.map(Scalar.init)
        }
    }
}

/// The element types kernels are written for, with the BLAS and LAPACK routine of each type
/// (`dgemm` or `sgemm`, ...), so a kernel written once over `KernelScalar` calls the right one.
protocol KernelScalar: TensorScalar, Real {
    /// The values of `storage`, which must have this type (kernels promote before they call).
    static func values(of storage: TensorStorage) -> [Self]

    /// C = alpha·op(A)·op(B) + beta·C, row-major (`cblas_?gemm`).
    static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
        _ a: UnsafePointer<Self>?, _ lda: Int, _ b: UnsafePointer<Self>?, _ ldb: Int, _ beta: Self,
        _ c: UnsafeMutablePointer<Self>?, _ ldc: Int)
    /// y = alpha·op(A)·x + beta·y, row-major (`cblas_?gemv`).
    static func gemv(
        _ transposeA: Bool, _ m: Int, _ n: Int, _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int,
        _ x: UnsafePointer<Self>?, _ beta: Self, _ y: UnsafeMutablePointer<Self>?)
    /// The Euclidean norm of `n` contiguous values (`cblas_?nrm2`).
    static func nrm2(_ n: Int, _ x: UnsafePointer<Self>?) -> Self
    /// LU factorisation of a square matrix in place (`LAPACKE_?getrf_work`); LAPACK's info.
    static func getrf(_ n: Int, _ a: UnsafeMutablePointer<Self>?, _ pivots: UnsafeMutablePointer<Int32>?) -> Int
    /// The inverse from an LU factorisation (`LAPACKE_?getri_work`); LAPACK's info.
    static func getri(
        _ n: Int, _ a: UnsafeMutablePointer<Self>?, _ pivots: UnsafePointer<Int32>?,
        _ work: UnsafeMutablePointer<Self>?, _ workCount: Int) -> Int
}

extension Float: KernelScalar {
    static func values(of storage: TensorStorage) -> [Float] {
        guard case let .float32(values) = storage else { checkFailed("kernel: expected float32 values, got \(storage.dtype)") }
        return values
    }
    static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>?, _ lda: Int, _ b: UnsafePointer<Float>?, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>?, _ ldc: Int
    ) { cla_sgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
    static func gemv(
        _ transposeA: Bool, _ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>?, _ lda: Int,
        _ x: UnsafePointer<Float>?, _ beta: Float, _ y: UnsafeMutablePointer<Float>?
    ) { cla_sgemv(transposeA, m, n, alpha, a, lda, x, beta, y) }
    static func nrm2(_ n: Int, _ x: UnsafePointer<Float>?) -> Float { cla_snrm2(n, x) }
    static func getrf(_ n: Int, _ a: UnsafeMutablePointer<Float>?, _ pivots: UnsafeMutablePointer<Int32>?) -> Int {
        cla_sgetrf(n, a, pivots)
    }
    static func getri(
        _ n: Int, _ a: UnsafeMutablePointer<Float>?, _ pivots: UnsafePointer<Int32>?,
        _ work: UnsafeMutablePointer<Float>?, _ workCount: Int
    ) -> Int { cla_sgetri(n, a, pivots, work, workCount) }
}

extension Double: KernelScalar {
    static func values(of storage: TensorStorage) -> [Double] {
        guard case let .float64(values) = storage else { checkFailed("kernel: expected float64 values, got \(storage.dtype)") }
        return values
    }
    static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
        _ a: UnsafePointer<Double>?, _ lda: Int, _ b: UnsafePointer<Double>?, _ ldb: Int, _ beta: Double,
        _ c: UnsafeMutablePointer<Double>?, _ ldc: Int
    ) { cla_dgemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
    static func gemv(
        _ transposeA: Bool, _ m: Int, _ n: Int, _ alpha: Double, _ a: UnsafePointer<Double>?, _ lda: Int,
        _ x: UnsafePointer<Double>?, _ beta: Double, _ y: UnsafeMutablePointer<Double>?
    ) { cla_dgemv(transposeA, m, n, alpha, a, lda, x, beta, y) }
    static func nrm2(_ n: Int, _ x: UnsafePointer<Double>?) -> Double { cla_dnrm2(n, x) }
    static func getrf(_ n: Int, _ a: UnsafeMutablePointer<Double>?, _ pivots: UnsafeMutablePointer<Int32>?) -> Int {
        cla_dgetrf(n, a, pivots)
    }
    static func getri(
        _ n: Int, _ a: UnsafeMutablePointer<Double>?, _ pivots: UnsafePointer<Int32>?,
        _ work: UnsafeMutablePointer<Double>?, _ workCount: Int
    ) -> Int { cla_dgetri(n, a, pivots, work, workCount) }
}
