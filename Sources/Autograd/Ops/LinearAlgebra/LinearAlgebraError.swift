/// A failure of a linear-algebra operation that depends on the data, not on shapes.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is singular: diagonal entry `pivot` (1-based) of its triangular factor is zero
    /// (U of the LU factorisation; the triangular matrix itself for `triangularSolve`; R of the
    /// QR factorisation for `leastSquares`).
    case singularMatrix(operation: String, pivot: Int)
    /// The matrix is not positive definite: its leading minor of order `minor` is not (LAPACK `potrf`).
    case notPositiveDefinite(operation: String, minor: Int)
    /// An iterative algorithm (LAPACK's eigenvalue or SVD iteration, or an iterative solver)
    /// stopped before converging; `reason` says what did not converge.
    case noConvergence(operation: String, reason: String)

    /// A sentence naming the operation and the problem.
    public var description: String {
        switch self {
        case let .singularMatrix(operation, pivot):
            "\(operation): the matrix is singular (diagonal entry \(pivot) of its triangular factor is zero)"
        case let .notPositiveDefinite(operation, minor):
            "\(operation): the matrix is not positive definite (its leading minor of order \(minor) is not)"
        case let .noConvergence(operation, reason):
            "\(operation): did not converge (\(reason))"
        }
    }
}
