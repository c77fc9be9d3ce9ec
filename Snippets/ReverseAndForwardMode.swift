// Reverse mode, forward mode, and how they nest. Run it with `swift run ReverseAndForwardMode`.
import Autograd

// snippet.pullbackAndDifferential
// f(x) = (x₀·x₁, x₁ + x₂) at x = (1, 2, 3): J = [[x₁, x₀, 0], [0, 1, 1]] = [[2, 1, 0], [0, 1, 1]].
let x = Tensor([1.0, 2.0, 3.0])
func f(_ x: Tensor) -> Tensor {
    stacked([x[0] * x[1], x[1] + x[2]])
}
let (value, pullback) = valueWithPullback(at: x, of: f)
print("f(x) =", value)
print("row 0 of J, pullback(e₀):", pullback(Tensor([1.0, 0.0])))    // one reverse pass per row
print("row 1 of J, pullback(e₁):", pullback(Tensor([0.0, 1.0])))    // the same pullback, called again
let column = jvp(at: x, tangent: Tensor([0.0, 1.0, 0.0]), of: f).tangent
print("column 1 of J, jvp along e₁:", column)                       // one forward pass per column
print("the whole J:", jacobian(at: x, of: f))
// snippet.end

// snippet.parameters
// Gradients with respect to tensors the closure captures rather than takes.
let weight = Tensor([[1.0, -1.0], [0.5, 2.0]])
let bias = Tensor([0.1, -0.2])
let input = Tensor([1.0, 2.0])
let (loss, grads) = valueWithGradient(withRespectTo: [weight, bias]) {
    square(matmul(weight, input) + bias).sum()
}
print("loss =", loss.scalar, " ∂loss/∂W =", grads[0], " ∂loss/∂b =", grads[1])
print("weight.requiresGrad =", weight.requiresGrad, " weight.grad == nil:", weight.grad == nil)
// snippet.end

// snippet.withoutGradients
// Inside withoutGradients nothing is recorded for reverse mode: the result is a constant.
let frozen = gradient(at: Tensor(3.0)) { x in x * withoutGradients { x * x } }
print("d/dx [x · const(x²)] at 3 =", frozen.scalar)                 // 9, not 27
// Forward-mode tangents still flow through it.
let tangentInside = jvp(at: Tensor(0.0), tangent: Tensor(1.0)) { x in withoutGradients { sin(x) } }.tangent
print("jvp of withoutGradients { sin x } at 0 =", tangentInside.scalar)  // cos 0 = 1
// snippet.end

// snippet.perturbationConfusion
// d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1 at any x and y. An engine that lets the inner
// derivative see the outer perturbation of x answers 2.
let forwardOverForward = jvp(at: Tensor(5.0), tangent: Tensor(1.0)) { x in
    x * jvp(at: Tensor(7.0), tangent: Tensor(1.0)) { y in x + y }.tangent
}.tangent
let reverseOverReverse = gradient(at: Tensor(5.0)) { x in
    x * gradient(at: Tensor(7.0)) { y in x + y }
}
let forwardOverReverse = jvp(at: Tensor(5.0), tangent: Tensor(1.0)) { x in
    x * gradient(at: Tensor(7.0)) { y in x + y }
}.tangent
print("forward over forward:", forwardOverForward.scalar,
      " reverse over reverse:", reverseOverReverse.scalar,
      " forward over reverse:", forwardOverReverse.scalar)
// snippet.end

// snippet.forwardOverReverse
// The JVP of the gradient is a Hessian-vector product. g(x) = Σ xᵢ³, H = diag(6x).
let v = Tensor([1.0, 1.0, 0.0])
let byHand = jvp(at: x, tangent: v) { x in gradient(at: x) { x in pow(x, 3).sum() } }.tangent
let byLibrary = hessianVectorProduct(at: x, along: v) { x in pow(x, 3).sum() }
print("jvp of the gradient:", byHand, " hessianVectorProduct:", byLibrary)   // 6x ⊙ v = [6, 12, 0]
// snippet.end
