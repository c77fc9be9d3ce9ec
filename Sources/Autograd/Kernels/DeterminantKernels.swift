// Determinants from the LU factorisation with partial pivoting (LAPACK `getrf`, already in
// `KernelScalar`): X = P·L·U, det X = sign(P)·∏ Uᵢᵢ. Also the columns of P·L at U's zero
// pivots, which the determinant's pullback uses to move a singular matrix to a regular one
// by an update of low rank.

extension Kernels {
    /// det X of an `n × n` row-major matrix, as a one-value storage of its type; 1 for n = 0.
    static func determinant(_ x: TensorStorage, size n: Int) -> TensorStorage {
        switch x {
        case .float32 where x.needsFloat64Factorisation:
            determinant(x.converted(to: .float64), size: n).converted(to: .float32)
        case let .float32(values): .float32([LowerUpperFactors(values, size: n).determinant])
        case let .float64(values): .float64([LowerUpperFactors(values, size: n).determinant])
        }
    }

    /// sign(det X) (1, −1, 0 when singular, NaN with NaN) and log |det X|
    /// (−∞ when singular), each as a one-value storage of the matrix's type.
    static func logAbsDeterminant(_ x: TensorStorage, size n: Int) -> (sign: TensorStorage, logAbs: TensorStorage) {
        switch x {
        case .float32 where x.needsFloat64Factorisation:
            let (sign, logAbs) = logAbsDeterminant(x.converted(to: .float64), size: n)
            return (sign.converted(to: .float32), logAbs.converted(to: .float32))
        case let .float32(values):
            let factors = LowerUpperFactors(values, size: n)
            return (.float32([factors.determinantSign]), .float32([factors.logAbsDeterminant]))
        case let .float64(values):
            let factors = LowerUpperFactors(values, size: n)
            return (.float64([factors.determinantSign]), .float64([factors.logAbsDeterminant]))
        }
    }

    /// The positions k (0-based, ascending) where U of X = P·L·U has Uₖₖ = 0, and the `n × r`
    /// row-major matrix C = s·(P·L)[:, k…] of those columns of P·L scaled by s = max |Xᵢⱼ| (1
    /// when X = 0). Then X + C·Eᵀ = P·L·(U + s·E·Eᵀ), E the identity's columns k…, has no zero
    /// pivot. Empty when X has none.
    static func zeroPivotColumns(_ x: TensorStorage, size n: Int) -> (positions: [Int], columns: TensorStorage) {
        switch x {
        case let .float32(values):
            let (positions, columns) = LowerUpperFactors(values, size: n).zeroPivotColumns
            return (positions, .float32(columns))
        case let .float64(values):
            let (positions, columns) = LowerUpperFactors(values, size: n).zeroPivotColumns
            return (positions, .float64(columns))
        }
    }
}

/// The LU factorisation X = P·L·U of an `n × n` row-major matrix with partial pivoting, as
/// LAPACK's `getrf` leaves it: L (unit lower) and U share `factors`; row k was swapped with
/// row `pivots[k] − 1`, k = 0, 1, …. A zero pivot does not stop the factorisation.
private struct LowerUpperFactors<T: KernelScalar> {
    let size: Int
    let factors: [T]
    let pivots: [Int32]
    /// max |Xᵢⱼ|, the scale of the update that moves zero pivots.
    let largestMagnitude: T

    init(_ x: [T], size n: Int) {
        BLASRuntime.prepare()
        Kernels.checkFitsBLASInteger(n, in: "LU factorisation of a \(n) × \(n) matrix")
        size = n
        largestMagnitude = x.reduce(0) { Swift.max($0, abs($1)) }
        var factors = x
        var pivots = [Int32](repeating: 0, count: n)
        // A zero pivot needs no report here: the diagonal of U shows it.
        _ = Kernels.factorizeLU(&factors, size: n, pivots: &pivots, operation: "determinant")
        self.factors = factors
        self.pivots = pivots
    }

    /// Uₖₖ.
    func pivot(_ k: Int) -> T { factors[k * size + k] }

    /// sign(P): −1 to the number of rows actually swapped.
    var permutationSign: T {
        pivots.indices.reduce(1) { sign, k in Int(pivots[k]) - 1 == k ? sign : -sign }
    }

    /// sign(P)·∏ Uₖₖ.
    var determinant: T {
        (0..<size).reduce(permutationSign) { $0 * pivot($1) }
    }

    /// sign(P)·∏ sign(Uₖₖ): 0 when a pivot is zero, NaN when one is NaN.
    var determinantSign: T {
        (0..<size).reduce(permutationSign) { sign, k in
            let u = pivot(k)
            return u > 0 ? sign : u < 0 ? -sign : u == 0 ? 0 : .nan
        }
    }

    /// Σ log |Uₖₖ|, −∞ when a pivot is zero.
    var logAbsDeterminant: T {
        (0..<size).reduce(0) { $0 + T.log(abs(pivot($1))) }
    }

    /// See `Kernels.zeroPivotColumns(_:size:)`.
    var zeroPivotColumns: (positions: [Int], columns: [T]) {
        let n = size
        let positions = (0..<n).filter { pivot($0) == 0 }
        let scale = largestMagnitude > 0 ? largestMagnitude : 1
        var columns = [T](repeating: 0, count: n * positions.count)
        for (column, k) in positions.enumerated() {
            // s·L·eₖ: s at row k, s·Lᵢₖ below it.
            var vector = [T](repeating: 0, count: n)
            vector[k] = scale
            for row in (k + 1)..<n { vector[row] = scale * factors[row * n + k] }
            // P·v: getrf applied the swaps to X in order k = 0, 1, …, so undo them in reverse.
            for row in (0..<n).reversed() { vector.swapAt(row, Int(pivots[row]) - 1) }
            for row in 0..<n { columns[row * positions.count + column] = vector[row] }
        }
        return (positions, columns)
    }
}
