// Base functions of the composition matrix through the indexing operations: each has the value
// sin x (or Σ sin x) by an identity that runs through the operations' rules.
import Autograd

/// The closed form of sin x elementwise, or of its sum.
private func sine(rank: Int) -> ClosedForm { ClosedForm(rank: rank, order: 0, multiplier: [1, 1, 1]) }

/// A permutation of three positions, as an index tensor.
private var permutation: Tensor { Tensor([2.0, 0, 1]) }

/// The inverse of `permutation`: permutation[inversePermutation[i]] = i.
private var inversePermutation: Tensor { Tensor([1.0, 2, 0]) }

/// Every indexing base function of the composition matrix.
let indexingBaseFunctions: [Composable] = [
    Composable(name: "concatenate(sin(x)[..<1], sin(x)[1...])", function: { x in
        concatenate([sin(x)[..<1], sin(x)[1...]])
    }, form: sine(rank: 1)),
    Composable(name: "(2 sin x).replacing(1..., sin(x)[1...]).replacing(0, sin(x[0]))", function: { x in
        (2 * sin(x)).replacing(1..., with: sin(x)[1...]).replacing(0, with: sin(x[0]))
    }, form: sine(rank: 1)),
    Composable(name: "sin(x) gathered by a permutation, then by its inverse", function: { x in
        sin(x).gathering(alongAxis: 0, indices: permutation).gathering(alongAxis: 0, indices: inversePermutation)
    }, form: sine(rank: 1)),
    Composable(name: "zeros scatter-added with sin(x) selected by a permutation", function: { x in
        Tensor.zeros([3], dtype: x.dtype)
            .scatteringAdding(sin(x).selecting(permutation, alongAxis: 0), alongAxis: 0, indices: permutation)
    }, form: sine(rank: 1)),
    Composable(name: "Σ sin(x[None, ::-1])", function: { x in
        sin(x[.newAxis, .range(..., stride: -1)]).sum()
    }, form: sine(rank: 0)),
]
