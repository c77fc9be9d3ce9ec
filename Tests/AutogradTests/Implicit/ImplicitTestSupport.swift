import Autograd

/// Newton's method with a dense Jacobian, x ← x − J(x)⁻¹·F(x), for `implicitRoot`'s solver in
/// the tests: a fixed number of steps (it converges quadratically; once converged, a step
/// changes nothing).
func newtonSolver(_ f: (Tensor) -> Tensor, _ initialGuess: Tensor) throws -> Tensor {
    var x = initialGuess
    let n = x.scalarCount
    for _ in 0..<30 {
        let j = jacobian(at: x, of: f).reshaped(to: [n, n])
        x = x - (try solve(j, f(x).reshaped(to: [n]))).reshaped(to: x.shape)
    }
    return x
}

/// The ways to solve with ∂F/∂x that the tests run through (tight tolerances: central
/// differences divide a solve's error by their step).
let implicitLinearSolvers: [ImplicitLinearSolver] = [
    .dense, .matrixFree(.gmres(), tolerance: 1e-13), .matrixFree(.conjugateGradient, tolerance: 1e-13),
]
