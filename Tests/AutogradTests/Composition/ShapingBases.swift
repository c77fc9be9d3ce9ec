// Base functions of the composition matrix through the shaping operations: each has the value
// sin x (or Σ sin x, weighted) by an identity that runs through the operations' rules. Each
// weight or tie is one a wrong rule would miss: copies that must add up (tile, reflection),
// a branch that must get nothing (where, maximum), a tie that must split its derivative.
import Autograd

/// The closed form of sin x elementwise times `multiplier`, or of its weighted sum.
private func sine(rank: Int, multiplier: [Double] = [1, 1, 1]) -> ClosedForm {
    ClosedForm(rank: rank, order: 0, multiplier: multiplier)
}

/// Every shaping base function of the composition matrix.
let shapingBaseFunctions: [Composable] = [
    // Two copies of x, split unevenly across the copies' seam, each part through sin, joined.
    Composable(name: "Σ concatenate(sin∘split(tile(x, 2), [2, 3, 1]))", function: { x in
        concatenate(x.tiled(2).split(sizes: [2, 3, 1]).map(sin)).sum()
    }, form: sine(rank: 0, multiplier: [2, 2, 2])),
    // [x₂, x₁, x₀, x₁, x₂, x₁, x₀]: x₀ and x₂ appear twice, x₁ three times; a zero border adds nothing.
    Composable(name: "Σ pad(sin(reflect pad(x, (2, 2))), (1, 1))", function: { x in
        sin(x.padded([(2, 2)], mode: .reflect)).padded([(1, 1)]).sum()
    }, form: sine(rank: 0, multiplier: [2, 3, 2])),
    // At the point x = [0.3, −0.7, 1.1] the condition is [1, 0, 1].
    Composable(name: "where(x > 0, sin, 2·sin)", function: { x in
        Tensor.where(x .> 0, sin(x), 2 * sin(x))
    }, form: sine(rank: 1, multiplier: [1, 2, 1])),
    // The minimum of a tie gives half to each copy; the maximum passes nothing to sin − 1.
    Composable(name: "maximum(sin − 1, minimum(sin, sin))", function: { x in
        maximum(sin(x) - 1, minimum(sin(x), sin(x)))
    }, form: sine(rank: 1)),
    // log(1 + (eˢ − 1)) = s, with the clamp's interval around sin's range, through reshapes.
    Composable(name: "log1p(expm1(clamp(sin(flatten(expand(x))))))", function: { x in
        log1p(expm1(sin(x.expandingShape(at: 0, -1).flattened()).clamped(to: -2...2)))
    }, form: sine(rank: 1)),
]
