// Base functions of the composition matrix through the product operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// M = [[2, 1, 0], [0, 1, 0], [1, 0, 4]] and its inverse, worked out by hand
/// (M·M⁻¹ = I, exact in binary), in `x`'s type.
private func knownMatrixAndInverse(like x: Tensor) -> (matrix: Tensor, inverse: Tensor) {
    (Tensor([[2.0, 1, 0], [0, 1, 0], [1, 0, 4]]).converted(to: x.dtype),
     Tensor([[0.5, -0.5, 0], [0, 1, 0], [-0.125, 0.125, 0.25]]).converted(to: x.dtype))
}

/// The stack [diag(sin x), diag(x)] of shape [2, 3, 3].
private func stackedDiagonals(_ x: Tensor) -> Tensor {
    stacked([Tensor.diagonalMatrix(sin(x)), Tensor.diagonalMatrix(x)])
}

/// The first of two stacked vectors, picked by a contraction with (1, 0): einsum("b,bi->i").
private func first(of pair: Tensor) -> Tensor {
    einsum("b,bi->i", Tensor([1.0, 0]).converted(to: pair.dtype), pair.reshaped(to: [2, 3]))
}

/// The closed form of sin x elementwise (rank 1) or of Σ sin x (rank 0).
private func sine(rank: Int) -> ClosedForm {
    ClosedForm(rank: rank, order: 0, multiplier: [1, 1, 1])
}

/// Every product base function of the composition matrix.
let productBaseFunctions: [Composable] = [
    Composable(name: "einsum(ij,j->i, M⁻¹, einsum(ij,j->i, M, sin))", function: { x in
        let (m, inverse) = knownMatrixAndInverse(like: x)
        return einsum("ij,j->i", inverse, einsum("ij,j->i", m, sin(x)))
    }, form: sine(rank: 1)),
    Composable(name: "einsum(ii->i, diag(sin))", function: { x in
        einsum("ii->i", Tensor.diagonalMatrix(sin(x)))
    }, form: sine(rank: 1)),
    Composable(name: "[diag sin; diag x]·1 (one GEMM over the batch), first", function: { x in
        first(of: matmul(stackedDiagonals(x), Tensor.ones([3], dtype: x.dtype)))
    }, form: sine(rank: 1)),
    Composable(name: "[diag sin; diag x]·[1; x] (a GEMM per batch), first", function: { x in
        first(of: matmul(stackedDiagonals(x), stacked([Tensor.ones([3], dtype: x.dtype), x]).reshaped(to: [2, 3, 1])))
    }, form: sine(rank: 1)),
    Composable(name: "einsum(ij,jk,ki->, diag(sin), M, M⁻¹)", function: { x in
        let (m, inverse) = knownMatrixAndInverse(like: x)
        return einsum("ij,jk,ki->", Tensor.diagonalMatrix(sin(x)), m, inverse)
    }, form: sine(rank: 0)),
]
