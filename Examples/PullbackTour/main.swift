// A tour of pullbacks: the chain rule by hand and by the engine, a Jacobian read off
// pullbacks of basis vectors, and the pullback of a dense layer.
import ArgumentParser
import Autograd

/// The command line: no options besides `--help`; anything else is refused before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "PullbackTour",
        abstract: "5·sin(x²) by gradient and by chaining pullbacks, a Jacobian row by row, a dense layer's pullback.")
}
_ = Options.parseOrExit()

// MARK: - s(x) = 5·sin(x²) at x = 4

let x = Tensor(4.0)
let (s, ds) = valueWithGradient(at: x) { x in 5 * sin(x * x) }
print("s(4) = \(s.scalar)")                      // −1.4395165833253265
print("ds/dx with gradient(at:of:) = \(ds.scalar)")  // −38.30637921293538

// The same derivative by chaining the three pullbacks by hand: square, sin, scale by 5.
let (squared, pullbackSquare) = valueWithPullback(at: x) { x in x * x }
let (sine, pullbackSin) = valueWithPullback(at: squared) { u in sin(u) }
let (scaled, pullbackScale) = valueWithPullback(at: sine) { v in 5 * v }
let chained = pullbackSquare(pullbackSin(pullbackScale(Tensor(1.0))))
print("ds/dx by chaining three pullbacks = \(chained.scalar), s = \(scaled.scalar)")

// MARK: - A Jacobian row by row

// f(x) = (x₁ + x₂, x₁·x₂), g(y) = (exp(y₁ + y₂), log y₁ + log y₂), h = g ∘ f at x = (1, 2).
/// Component `i` of a vector, as a differentiable scalar: ⟨v, eᵢ⟩.
func component(_ v: Tensor, _ i: Int) -> Tensor {
    var basis = [Double](repeating: 0, count: v.scalarCount)
    basis[i] = 1
    return (v * Tensor(basis)).sum()
}
/// The vector (a, b) built from two differentiable scalars: a·e₁ + b·e₂.
func vector(_ a: Tensor, _ b: Tensor) -> Tensor { a * Tensor([1.0, 0.0]) + b * Tensor([0.0, 1.0]) }

func f(_ x: Tensor) -> Tensor { vector(component(x, 0) + component(x, 1), component(x, 0) * component(x, 1)) }
func g(_ y: Tensor) -> Tensor { vector(exp(component(y, 0) + component(y, 1)), log(component(y, 0)) + log(component(y, 1))) }

let (h, pullbackH) = valueWithPullback(at: Tensor([1.0, 2.0])) { x in g(f(x)) }
print("h(1, 2) = \(h.scalars)")
for row in 0..<2 {
    var basis = [0.0, 0.0]
    basis[row] = 1
    print("Jacobian row \(row + 1): \(pullbackH(Tensor(basis)).scalars)")  // row 2: 1.3333333333333333, 0.8333333333333333
}

// MARK: - The pullback of a dense layer W·X .+ b

let weights = Tensor.randomNormal([3, 4], seed: 1)
let inputs = Tensor.randomNormal([4, 5], seed: 2)
let bias = Tensor.randomNormal([3, 1], seed: 3)
let (layer, pullbackLayer) = valueWithPullback(at: weights, bias) { w, b in matmul(w, inputs) + b }
let (weightCotangent, biasCotangent) = pullbackLayer(Tensor.ones(layer.shape))
print("W·X .+ b: W \(weights.shape), X \(inputs.shape), b \(bias.shape) → output \(layer.shape)")
print("pullback of ones: W̄ \(weightCotangent.shape) (= 1·Xᵀ), b̄ \(biasCotangent.shape) (summed over the broadcast axis)")
print("b̄ = \(biasCotangent.scalars)")
