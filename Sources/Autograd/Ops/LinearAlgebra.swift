/// A failure of a linear-algebra operation that depends on the data, not on shapes.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is singular: LU factorisation found U's diagonal entry `pivot` (1-based) zero.
    case singularMatrix(operation: String, pivot: Int)
    /// The matrix is not positive definite: its leading minor of order `minor` is not (LAPACK `potrf`).
    case notPositiveDefinite(operation: String, minor: Int)

    /// A sentence naming the operation and the problem.
    public var description: String {
        switch self {
        case let .singularMatrix(operation, pivot):
            "\(operation): the matrix is singular (U[\(pivot), \(pivot)] of its LU factorisation is zero)"
        case let .notPositiveDefinite(operation, minor):
            "\(operation): the matrix is not positive definite (its leading minor of order \(minor) is not)"
        }
    }
}

extension Tensor {
    // MARK: - inverse

    /// The inverse of a square matrix, by LU factorisation (LAPACK `getrf` + `getri`).
    ///
    ///     Y = X⁻¹          X̄ = −Yᵀ·Ȳ·Yᵀ,   Ẏ = −Y·Ẋ·Y
    ///
    /// Both rules reuse Y; nothing is factorised twice.
    ///
    /// NaN and ±∞ entries are neither rejected nor a trap: they go through the factorisation's
    /// IEEE arithmetic, as in `torch.linalg.inv`, so NaN in gives NaN out, and an infinite entry
    /// gives what the arithmetic gives (the inverse of [[∞, 1], [1, 1]] is [[0, −0], [0, 1]];
    /// of [[∞, ∞], [1, 1]], all NaN). Finite entries whose factorisation overflows give NaN or ±∞.
    /// - Throws: `LinearAlgebraError.singularMatrix` naming the zero pivot.
    public func inverse() throws(LinearAlgebraError) -> Tensor {
        check(rank == 2 && shape[0] == shape[1], "inverse: needs a square matrix, got shape \(shape)")
        let inverse: TensorStorage
        do {
            inverse = try Kernels.invert(storage, size: shape[0])
        } catch {
            throw .singularMatrix(operation: "inverse", pivot: error.pivot)
        }
        return Tensor.primitive(
            "inverse", shape: shape, storage: inverse, inputs: [self],
            pullback: { g, y, _ in [-matrixProduct(matrixProduct(y, g, transposingA: true), y, transposingB: true)] },
            differential: { tangents, y in -matrixProduct(matrixProduct(y, tangents[0]!), y) })
    }

    // MARK: - frobeniusNorm

    /// The Frobenius norm √(Σ xᵢ²), computed without overflow (BLAS `nrm2`).
    ///
    ///     y = ‖X‖_F        X̄ = ȳ·X/y,   ẏ = ⟨X, Ẋ⟩/y   (both 0 at X = 0, never NaN)
    public func frobeniusNorm() -> Tensor {
        let norm = Tensor(shape: [], storage: Kernels.euclideanNorm(storage))
        let isZero = norm.scalar == 0
        return Tensor.primitive(
            "frobeniusNorm", shape: [], storage: norm.storage, inputs: [self],
            pullback: { g, y, _ in [isZero ? self.filled(with: 0) : g * self / y] },
            differential: { tangents, y in isZero ? y.filled(with: 0) : (self * tangents[0]!).sum() / y })
    }
}
