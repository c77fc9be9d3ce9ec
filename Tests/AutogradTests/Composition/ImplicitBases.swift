// Composition-matrix functions through implicit differentiation: roots, fixed points and
// linear solves whose solution is sin x, with every operator depending on x. Each is exact
// through an order (`exactOrder`); the matrix nests transforms over it up to that order only.
import Autograd

/// A function whose derivatives are exact through `exactOrder`, and that order.
struct OrderLimitedBase: Sendable {
    let base: Composable
    let exactOrder: Int
}

/// A linear solve or a root that a well-posed problem cannot fail; a failure is a defect
/// of the library, reported by the trap.
private func converged(_ body: () throws -> Tensor) -> Tensor {
    do { return try body() } catch { fatalError("a well-posed implicit problem failed: \(error)") }
}

/// Every implicit-differentiation base of the composition matrix.
let implicitBaseFunctions: [OrderLimitedBase] = [
    OrderLimitedBase(base: Composable(name: "dense root of y³ + y − (sin³ + sin)", function: { x in
        let target = pow(sin(x), 3) + sin(x)
        return converged {
            try implicitRoot(of: { y in pow(y, 3) + y - target }, initialGuess: Tensor.zeros([3], dtype: x.dtype), solver: newtonSolver)
        }
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])), exactOrder: 7),
    OrderLimitedBase(base: Composable(name: "fixed point of y ↦ (y + sin)/2", function: { x in
        let s = sin(x)
        return converged { try fixedPoint(of: { y in 0.5 * (y + s) }, initialGuess: Tensor.zeros([3], dtype: x.dtype)) }
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])), exactOrder: 7),
    OrderLimitedBase(base: Composable(name: "matrix-free root of A·y − A·sin", function: { x in
        let a = dependentMatrix(x), target = matmul(a, sin(x))
        return converged {
            try implicitRoot(
                of: { y in matmul(a, y) - target }, initialGuess: Tensor.zeros([3], dtype: x.dtype),
                linearSolver: .matrixFree(.gmres(), tolerance: 1e-14), solver: newtonSolver)
        }
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])), exactOrder: 2),
    OrderLimitedBase(base: Composable(name: "linearSolve(A·sin) by GMRES", function: { x in
        let a = dependentMatrix(x)
        return converged { try linearSolve(matmul(a, sin(x)), tolerance: 1e-14) { v in matmul(a, v) } }
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])), exactOrder: 2),
    OrderLimitedBase(base: Composable(name: "linearSolve(S·sin) by conjugate gradient, S = A·Aᵀ", function: { x in
        let a = dependentMatrix(x), s = matmul(a, a, transposingB: true)
        return converged { try linearSolve(matmul(s, sin(x)), method: .conjugateGradient, tolerance: 1e-14) { v in matmul(s, v) } }
    }, form: ClosedForm(rank: 1, order: 0, multiplier: [1, 1, 1])), exactOrder: 2),
]
