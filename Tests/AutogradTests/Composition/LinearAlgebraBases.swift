// Functions through the linear-algebra operations whose values are sin x (or Σ sin x) by an
// identity, so the composition matrix's closed forms hold for them too. Each builds matrices
// that depend on every xᵢ, so the identity holds only if every rule on the way is right: a
// wrong term in any of them leaves derivatives that do not cancel.
import Autograd

/// A(x) = M + 0.1·x·wᵀ: an unsymmetric, well-conditioned 3 × 3 matrix with a positive
/// determinant, depending on every xᵢ (in x's type).
func dependentMatrix(_ x: Tensor) -> Tensor {
    let m = Tensor([[4.0, 1, 0.5], [0.3, 3, 1], [0.2, 0.6, 5]]).converted(to: x.dtype)
    let w = Tensor([[1.0, -0.5, 0.8]]).converted(to: x.dtype)
    return m + 0.1 * matmul(x.reshaped(to: [3, 1]), w)
}

/// The lower triangle of a 3 × 3 matrix (a constant mask times it).
func lowerTriangle(_ a: Tensor) -> Tensor {
    a * Tensor([[1.0, 0, 0], [1, 1, 0], [1, 1, 1]]).converted(to: a.dtype)
}

/// The value of a throwing linear-algebra call whose matrices are well-conditioned by
/// construction; an error here is a defect of the library, reported by the trap.
func wellConditioned<Value>(_ body: () throws -> Value) -> Value {
    do { return try body() } catch { fatalError("a well-conditioned matrix was rejected: \(error)") }
}

/// The closed form of sin x elementwise with constant signs `multiplier`, or of its sum.
private func sine(rank: Int, multiplier: [Double] = [1, 1, 1]) -> ClosedForm {
    ClosedForm(rank: rank, order: 0, multiplier: multiplier)
}

/// Every linear-algebra base function of the composition matrix.
let linearAlgebraBaseFunctions: [Composable] = [
    Composable(name: "A⁻¹·(A·sin)", function: { x in
        let a = dependentMatrix(x)
        return matmul(wellConditioned { try a.inverse() }, matmul(a, sin(x)))
    }, form: sine(rank: 1)),
    Composable(name: "solve(A, A·sin)", function: { x in
        let a = dependentMatrix(x)
        return wellConditioned { try solve(a, matmul(a, sin(x))) }
    }, form: sine(rank: 1)),
    Composable(name: "triangularSolve(L, L·sin)", function: { x in
        let a = dependentMatrix(x)
        return wellConditioned { try triangularSolve(a, matmul(lowerTriangle(a), sin(x)), lower: true) }
    }, form: sine(rank: 1)),
    Composable(name: "choleskySolve(chol(A·Aᵀ), A·Aᵀ·sin)", function: { x in
        let a = dependentMatrix(x)
        let s = matmul(a, a, transposingB: true)
        return choleskySolve(wellConditioned { try s.cholesky() }, matmul(s, sin(x)))
    }, form: sine(rank: 1)),
    Composable(name: "log det(diag(e^sin)·A) − log det A", function: { x in
        let a = dependentMatrix(x)
        return log(matmul(Tensor.diagonalMatrix(exp(sin(x))), a).determinant()) - log(a.determinant())
    }, form: sine(rank: 0)),
    Composable(name: "log|det(diag(e^sin)·A)| − log|det A|", function: { x in
        let a = dependentMatrix(x)
        return matmul(Tensor.diagonalMatrix(exp(sin(x))), a).logAbsDeterminant().logAbs - a.logAbsDeterminant().logAbs
    }, form: sine(rank: 0)),
    Composable(name: "diag(diag(sin)·A) / diag(A)", function: { x in
        let a = dependentMatrix(x)
        return matmul(Tensor.diagonalMatrix(sin(x)), a).diagonal() / a.diagonal()
    }, form: sine(rank: 1)),
    Composable(name: "tr(diag(sin))", function: { Tensor.diagonalMatrix(sin($0)).trace() }, form: sine(rank: 0)),
    // sin(point) = [0.30, −0.64, 0.89]: |sin| is sin times these signs near the point.
    Composable(name: "‖sin‖₁", function: { sin($0).vectorNorm(.one) }, form: sine(rank: 0, multiplier: [1, -1, 1])),
]
