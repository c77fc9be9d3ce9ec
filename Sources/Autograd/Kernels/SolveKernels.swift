import CLinearAlgebra

/// The LAPACK and BLAS routines of the solve family, per element type: `getrs` (a solve from LU
/// factors) and `trsm` (a triangular solve), both row-major, both overwriting B with X.
protocol SolveRoutines {
    /// Solves op(A)·X = B from `getrf`'s factors and pivots (`LAPACKE_?getrs_work`, op(A) = Aᵀ when
    /// `transposed`); B is `n × columns`. LAPACK's info.
    static func getrs(
        _ transposed: Bool, _ n: Int, _ columns: Int, _ factors: UnsafePointer<Self>?,
        _ pivots: UnsafePointer<Int32>?, _ b: UnsafeMutablePointer<Self>?) -> Int
    /// Solves op(A)·X = B for triangular A (`cblas_?trsm`, A on the left), reading only the named
    /// triangle of A, and not its diagonal when `unitDiagonal`.
    static func trsm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Self>?, _ b: UnsafeMutablePointer<Self>?)
    /// B ← op(A)·B for triangular A (`cblas_?trmm`, A on the left), reading only the named
    /// triangle of A, and not its diagonal when `unitDiagonal`.
    static func trmm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Self>?, _ b: UnsafeMutablePointer<Self>?)
}

extension Float: SolveRoutines {
    static func getrs(
        _ transposed: Bool, _ n: Int, _ columns: Int, _ factors: UnsafePointer<Float>?,
        _ pivots: UnsafePointer<Int32>?, _ b: UnsafeMutablePointer<Float>?
    ) -> Int { cla_sgetrs(transposed, n, columns, factors, pivots, b) }
    static func trsm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Float>?, _ b: UnsafeMutablePointer<Float>?
    ) { cla_strsm(lower, transposed, unitDiagonal, n, columns, a, b) }
    static func trmm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Float>?, _ b: UnsafeMutablePointer<Float>?
    ) { cla_strmm(lower, transposed, unitDiagonal, n, columns, a, b) }
}

extension Double: SolveRoutines {
    static func getrs(
        _ transposed: Bool, _ n: Int, _ columns: Int, _ factors: UnsafePointer<Double>?,
        _ pivots: UnsafePointer<Int32>?, _ b: UnsafeMutablePointer<Double>?
    ) -> Int { cla_dgetrs(transposed, n, columns, factors, pivots, b) }
    static func trsm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Double>?, _ b: UnsafeMutablePointer<Double>?
    ) { cla_dtrsm(lower, transposed, unitDiagonal, n, columns, a, b) }
    static func trmm(
        _ lower: Bool, _ transposed: Bool, _ unitDiagonal: Bool, _ n: Int, _ columns: Int,
        _ a: UnsafePointer<Double>?, _ b: UnsafeMutablePointer<Double>?
    ) { cla_dtrmm(lower, transposed, unitDiagonal, n, columns, a, b) }
}

extension Kernels {
    /// The LU factorisation P·A = L·U of an `n × n` matrix as `getrf` leaves it: L (unit
    /// diagonal, below) and U (on and above) in one row-major matrix of A's type, and the row
    /// interchanges (1-based, LAPACK's). Immutable, so every solve that holds it reuses it.
    struct LUFactors {
        /// L and U packed in one row-major `size × size` matrix.
        let values: TensorStorage
        /// Row i was interchanged with row `pivots[i]` (1-based).
        let pivots: [Int32]
        /// The matrix's order n.
        let size: Int
    }

    /// The LU factorisation of an `n × n` row-major matrix (`getrf`, partial pivoting).
    ///
    /// A float32 matrix holding NaN or ±∞ is factorised in float64 (and `luSolve` then solves in
    /// float64 and rounds back; see `TensorStorage.needsFloat64Factorisation`): solving with
    /// [[NaN, 1], [1, 1]] in float32 gave [NaN, 2] instead of NaN throughout.
    /// - Throws: `ZeroPivot` when U's diagonal entry `pivot` (1-based) is exactly zero.
    static func luFactorisation(_ a: TensorStorage, size n: Int) throws(ZeroPivot) -> LUFactors {
        checkFitsBLASInteger(n, in: "solve with a \(n) × \(n) matrix")
        BLASRuntime.prepare()
        var pivots = [Int32](repeating: 0, count: n)
        let values: TensorStorage = switch a {
        case .float32 where a.needsFloat64Factorisation:
            .float64(try factorised(Double.values(of: a.converted(to: .float64)), size: n, pivots: &pivots))
        case let .float32(values): .float32(try factorised(values, size: n, pivots: &pivots))
        case let .float64(values): .float64(try factorised(values, size: n, pivots: &pivots))
        }
        return LUFactors(values: values, pivots: pivots, size: n)
    }

    private static func factorised<T: KernelScalar>(
        _ a: [T], size n: Int, pivots: inout [Int32]
    ) throws(ZeroPivot) -> [T] {
        var a = a
        let zeroPivot = factorizeLU(&a, size: n, pivots: &pivots, operation: "solve")
        guard zeroPivot == 0 else { throw ZeroPivot(pivot: zeroPivot) }
        return a
    }

    /// X = op(A)⁻¹·B from A's LU factors (`getrs`), op(A) = Aᵀ when `transposed`, for a
    /// row-major B of `factors.size × columns` values of A's type; X has that type too.
    static func luSolve(_ factors: LUFactors, _ b: TensorStorage, columns: Int, transposed: Bool) -> TensorStorage {
        switch (factors.values, b) {
        case (.float64, .float32):  // a float32 A with NaN or ±∞, factorised in float64
            luSolve(factors, b.converted(to: .float64), columns: columns, transposed: transposed).converted(to: .float32)
        case let (.float32(lu), .float32(b)):
            .float32(luSolve(lu, factors.pivots, b, size: factors.size, columns: columns, transposed: transposed))
        case let (.float64(lu), .float64(b)):
            .float64(luSolve(lu, factors.pivots, b, size: factors.size, columns: columns, transposed: transposed))
        default: checkFailed("solve kernel: factors have type \(factors.values.dtype), B has type \(b.dtype)")
        }
    }

    private static func luSolve<T: KernelScalar & SolveRoutines>(
        _ lu: [T], _ pivots: [Int32], _ b: [T], size n: Int, columns: Int, transposed: Bool
    ) -> [T] {
        guard n > 0 && columns > 0 else { return b }
        checkFitsBLASInteger(columns, in: "solve with \(columns) right-hand sides")
        BLASRuntime.prepare()
        var x = b
        let info = x.withUnsafeMutableBufferPointer { x in
            T.getrs(transposed, n, columns, lu, pivots, x.baseAddress)
        }
        check(info == 0, "solve: LAPACK's getrs rejected argument \(-info) for a \(n) × \(n) matrix and \(columns) columns")
        return x
    }

    /// The 1-based index of the first zero on the diagonal of an `n × n` row-major matrix, or
    /// `nil`: where a triangular matrix is singular (`trsm` itself does not look).
    static func firstZeroOnDiagonal(_ a: TensorStorage, size n: Int) -> Int? {
        switch a {
        case let .float32(values): firstZeroOnDiagonal(values, size: n)
        case let .float64(values): firstZeroOnDiagonal(values, size: n)
        }
    }

    private static func firstZeroOnDiagonal<T: KernelScalar>(_ a: [T], size n: Int) -> Int? {
        (0..<n).first { a[$0 * n + $0] == 0 }.map { $0 + 1 }
    }

    /// What a triangular kernel applies to B: op(T)⁻¹ (`trsm`) or op(T) (`trmm`).
    enum TriangularApplication {
        case inverse, product
    }

    /// X = op(T)⁻¹·B (`trsm`) or op(T)·B (`trmm`) for the triangle T of a row-major `n × n` A:
    /// only the triangle named by `lower` is read, and not the diagonal when `unitDiagonal`;
    /// op(T) = Tᵀ when `transposed`. B is `n × columns`, row-major.
    static func applyTriangular(
        _ application: TriangularApplication, _ a: TensorStorage, _ b: TensorStorage, size n: Int, columns: Int,
        lower: Bool, transposed: Bool, unitDiagonal: Bool
    ) -> TensorStorage {
        switch (a, b) {
        case let (.float32(a), .float32(b)):
            .float32(applyTriangular(application, a, b, size: n, columns: columns, lower: lower, transposed: transposed, unitDiagonal: unitDiagonal))
        case let (.float64(a), .float64(b)):
            .float64(applyTriangular(application, a, b, size: n, columns: columns, lower: lower, transposed: transposed, unitDiagonal: unitDiagonal))
        default: checkFailed("triangular kernel: operands have types \(a.dtype) and \(b.dtype)")
        }
    }

    private static func applyTriangular<T: KernelScalar & SolveRoutines>(
        _ application: TriangularApplication, _ a: [T], _ b: [T], size n: Int, columns: Int,
        lower: Bool, transposed: Bool, unitDiagonal: Bool
    ) -> [T] {
        guard n > 0 && columns > 0 else { return b }
        let operation = application == .inverse ? "triangularSolve" : "triangular product"
        checkFitsBLASInteger(Swift.max(n, columns), in: "\(operation) of a \(n) × \(n) matrix and \(columns) columns")
        BLASRuntime.prepare()
        var x = b
        x.withUnsafeMutableBufferPointer { x in
            switch application {
            case .inverse: T.trsm(lower, transposed, unitDiagonal, n, columns, a, x.baseAddress)
            case .product: T.trmm(lower, transposed, unitDiagonal, n, columns, a, x.baseAddress)
            }
        }
        return x
    }

    /// An `n × n` matrix of `dtype` holding 1 strictly below (or above) the diagonal, `diagonal`
    /// on it and 0 elsewhere: what a triangular solve reads of its matrix (diagonal 1, or 0 for a
    /// unit diagonal), or the Cholesky rules' Φ (diagonal ½).
    static func triangleMask(size n: Int, lower: Bool, diagonal: Double, dtype: DType) -> TensorStorage {
        switch dtype {
        case .float32: .float32(triangleMask(size: n, lower: lower, diagonal: Float(diagonal)))
        case .float64: .float64(triangleMask(size: n, lower: lower, diagonal: diagonal))
        }
    }

    private static func triangleMask<T: KernelScalar>(size n: Int, lower: Bool, diagonal: T) -> [T] {
        buffer(count: n * n) { mask in
            for row in 0..<n {
                for column in 0..<n {
                    let inside = lower ? column < row : column > row
                    mask[row * n + column] = row == column ? diagonal : inside ? 1 : 0
                }
            }
        }
    }
}
