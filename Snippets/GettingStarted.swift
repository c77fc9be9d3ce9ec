// Getting Started: a first gradient, the training-loop style, the functional style and the
// element types. Run it with `swift run GettingStarted`.
import Autograd

// snippet.firstGradient
// f(x) = Σ xᵢ·sin xᵢ, whose gradient is sin x + x·cos x.
let x = Tensor([0.0, 1.0, 2.0])
let g = gradient(at: x) { x in (x * sin(x)).sum() }
print("∇f(x) =", g)
// snippet.end

// snippet.trainingLoop
// Fit y = w·t to y = 2t by gradient descent on the mean squared error.
let t = Tensor([1.0, 2.0, 3.0])
let y = Tensor([2.0, 4.0, 6.0])
let w = Tensor(0.0).requiringGradient()      // a leaf whose gradient backward() fills in
for _ in 0..<50 {
    let loss = square(w * t - y).mean()
    loss.backward()                            // w.grad += ∂loss/∂w
    w.add(w.grad!, scaledBy: -0.1)             // w ← w − 0.1·∂loss/∂w, in place
    w.zeroGrad()                               // gradients accumulate: clear before the next pass
}
print("w after 50 steps:", w.scalar)
// snippet.end

// snippet.noGrad
let prediction = withoutGradients { w * t }    // nothing recorded: a constant
print("prediction requires gradients:", prediction.requiresGrad)
// snippet.end

// snippet.functional
// One input, one scalar output: the value and the gradient together.
let (value, gradientAtOne) = valueWithGradient(at: Tensor(1.0)) { x in exp(x) * x }
print("f(1) =", value.scalar, " f′(1) =", gradientAtOne.scalar)   // e and 2e

// Reverse mode, kept for later: the pullback maps a cotangent ū to ū·J.
let (sine, pullback) = valueWithPullback(at: x) { x in sin(x) }
print("sin x =", sine, " pullback(1) =", pullback(Tensor.ones([3])))   // cos x

// Forward mode: the derivative along a direction v, J·v, in one pass.
let (exponential, directional) = jvp(at: x, tangent: Tensor([1.0, 0.0, 0.0])) { x in exp(x) }
print("exp x =", exponential, " J·e₁ =", directional)
// snippet.end

// snippet.elementTypes
let single = Tensor([0.5, 1.5] as [Float])        // float32; array literals make float64
let scaled = single * 0.5 + 1                      // a Double constant takes the tensor's type
let gradient32 = gradient(at: single) { x in (x * x).sum() }
print(single.dtype, scaled.dtype, gradient32.dtype, gradient32.scalars(as: Float.self))
let mixed = single + Tensor([1.0, 2.0])            // float32 with float64 computes in float64
print("mixed:", mixed.dtype)
// snippet.end
