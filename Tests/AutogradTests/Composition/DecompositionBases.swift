// Composition-matrix functions through the decompositions (QR, least squares, the symmetric
// eigendecomposition, the SVD and its norms, the matrix exponential), each sin x or Σ sin x by
// an identity that holds only if every rule on the way is right.
import Autograd

/// A constant of x's type.
private func constant(_ values: [[Double]], like x: Tensor) -> Tensor { Tensor(values).converted(to: x.dtype) }

/// A(x)'s orthonormal factor Q from its QR decomposition: an orthogonal matrix depending on x.
private func orthogonal(_ x: Tensor) -> Tensor { dependentMatrix(x).qrDecomposition().q }

/// exp(u·xᵀ − x·uᵀ): the exponential of an antisymmetric matrix, so another orthogonal matrix
/// depending on x.
private func rotation(_ x: Tensor) -> Tensor {
    let u = constant([[0.3], [-0.2], [0.5]], like: x), column = x.reshaped(to: [3, 1])
    return (matmul(u, column, transposingB: true) - matmul(column, u, transposingB: true)).matrixExponential()
}

/// Q·diag(d)·Qᵀ for Q = `orthogonal(x)`: a symmetric matrix with eigenvalues d.
private func symmetric(_ x: Tensor, eigenvalues d: Tensor) -> Tensor {
    let q = orthogonal(x)
    return matmul(matmul(q, Tensor.diagonalMatrix(d)), q, transposingB: true)
}

/// Q·diag(d)·Pᵀ for Q = `orthogonal(x)`, P = `rotation(x)`: singular values d (when d > 0 is
/// descending), singular vectors depending on x.
private func withSingularValues(_ x: Tensor, _ d: Tensor) -> Tensor {
    matmul(matmul(orthogonal(x), Tensor.diagonalMatrix(d)), rotation(x), transposingB: true)
}

/// [0, 10, 20] and [30, 20, 10]: offsets that keep sin x + offset ascending (eigenvalues) or
/// descending and positive (singular values), apart by about 10.
private func ascendingOffsets(like x: Tensor) -> Tensor { Tensor([0.0, 10, 20]).converted(to: x.dtype) }
private func descendingOffsets(like x: Tensor) -> Tensor { Tensor([30.0, 20, 10]).converted(to: x.dtype) }

/// The closed form of sin x elementwise (rank 1) or of Σ multiplierᵢ·sin xᵢ (rank 0).
private func sine(rank: Int, multiplier: [Double] = [1, 1, 1]) -> ClosedForm {
    ClosedForm(rank: rank, order: 0, multiplier: multiplier)
}

/// Every decomposition base function of the composition matrix.
let decompositionBaseFunctions: [Composable] = [
    Composable(name: "R⁻¹·Qᵀ·(A·sin), A = Q·R", function: { x in
        let a = dependentMatrix(x)
        let (q, r) = a.qrDecomposition()
        return wellConditioned { try triangularSolve(r, matmul(q.transposed(), matmul(a, sin(x))), lower: false) }
    }, form: sine(rank: 1)),
    Composable(name: "leastSquares(B, B·sin), B tall", function: { x in
        let b = concatenate([dependentMatrix(x), constant([[1, -1, 2]], like: x) + 0.1 * x.reshaped(to: [1, 3])])
        return wellConditioned { try leastSquares(b, matmul(b, sin(x))) }
    }, form: sine(rank: 1)),
    Composable(name: "eigenvalues(Q·diag(sin + c)·Qᵀ) − c", function: { x in
        let offsets = ascendingOffsets(like: x)
        return wellConditioned { try symmetric(x, eigenvalues: sin(x) + offsets).symmetricEigendecomposition().eigenvalues } - offsets
    }, form: sine(rank: 1)),
    Composable(name: "diag(Qᵀ·V·diag(λ − c)·Vᵀ·Q), eigenvectors V", function: { x in
        let offsets = ascendingOffsets(like: x), q = orthogonal(x)
        let (λ, v) = wellConditioned { try symmetric(x, eigenvalues: sin(x) + offsets).symmetricEigendecomposition() }
        let rebuilt = matmul(matmul(v, Tensor.diagonalMatrix(λ - offsets)), v, transposingB: true)
        return matmul(matmul(q, rebuilt, transposingA: true), q).diagonal()
    }, form: sine(rank: 1)),
    Composable(name: "singularValues(Q·diag(sin + c)·Pᵀ) − c", function: { x in
        let offsets = descendingOffsets(like: x)
        return wellConditioned { try withSingularValues(x, sin(x) + offsets).singularValues() } - offsets
    }, form: sine(rank: 1)),
    Composable(name: "diag(Qᵀ·U·diag(s − c)·Vᵀ·P), SVD U, s, Vᵀ", function: { x in
        let offsets = descendingOffsets(like: x)
        let (u, s, vt) = wellConditioned { try withSingularValues(x, sin(x) + offsets).singularValueDecomposition() }
        let rebuilt = matmul(matmul(u, Tensor.diagonalMatrix(s - offsets)), vt)
        return matmul(matmul(orthogonal(x), rebuilt, transposingA: true), rotation(x)).diagonal()
    }, form: sine(rank: 1)),
    Composable(name: "nuclearNorm(Q·diag(sin + c)·Pᵀ) − Σc", function: { x in
        wellConditioned { try withSingularValues(x, sin(x) + descendingOffsets(like: x)).nuclearNorm() } - 60
    }, form: sine(rank: 0)),
    Composable(name: "spectralNorm(Q·diag(sin + c)·Pᵀ) − c₁", function: { x in
        wellConditioned { try withSingularValues(x, sin(x) + descendingOffsets(like: x)).spectralNorm() } - 30
    }, form: sine(rank: 0, multiplier: [1, 0, 0])),
    Composable(name: "log diag(exp(triu(A) with diagonal sin))", function: { x in
        let strictUpper = dependentMatrix(x) * constant([[0, 1, 1], [0, 0, 1], [0, 0, 0]], like: x)
        return log((strictUpper + Tensor.diagonalMatrix(sin(x))).matrixExponential().diagonal())
    }, form: sine(rank: 1)),
    Composable(name: "Pᵀ·P·sin, P = exp(antisymmetric)", function: { x in
        let p = rotation(x)
        return matmul(p.transposed(), matmul(p, sin(x)))
    }, form: sine(rank: 1)),
]
