/// A failure of a linear-algebra operation that depends on the data, not on shapes.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is singular: LU factorisation found U's diagonal entry `pivot` (1-based) zero.
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
            "\(operation): the matrix is singular (U[\(pivot), \(pivot)] of its LU factorisation is zero)"
        case let .notPositiveDefinite(operation, minor):
            "\(operation): the matrix is not positive definite (its leading minor of order \(minor) is not)"
        case let .noConvergence(operation, reason):
            "\(operation): did not converge (\(reason))"
        }
    }
}
