// Zygote-style linear regression: predict(x) = W·x .+ b, fitted by gradient descent with
// gradients taken with respect to the parameters the loss captures (Zygote's `Params`),
// then checked against the closed-form least-squares solution.
import Autograd
import AutogradNN

// Data: 200 examples with 5 features from a known W and b, plus a little noise.
let trueWeight = Tensor([[1.5, -2.0, 0.5, 0.0, 3.0], [-1.0, 0.25, 2.0, -0.5, 1.0]])
let trueBias = Tensor([0.5, -1.5])
let features = Tensor.randomNormal([5, 200], seed: 1)  // one example per column, as in Zygote's W*x
let targets = matmul(trueWeight, features) + trueBias.reshaped(to: [2, 1])
    + Tensor.randomNormal([2, 200], standardDeviation: 0.1, seed: 2)

// The model: parameters are plain tensors that the loss captures.
let weight = Tensor.randomUniform([2, 5], seed: 3)
let bias = Tensor.randomUniform([2], seed: 4)
@MainActor func predict(_ x: Tensor) -> Tensor { matmul(weight, x) + bias.reshaped(to: [2, 1]) }
@MainActor func loss() -> Tensor { meanSquaredError(predictions: predict(features), targets: targets) }

let optimizer = SGD(learningRate: 0.1)
for step in 0...300 {
    let (value, gradients) = valueWithGradient(withRespectTo: [weight, bias], of: loss)
    if step % 50 == 0 { print("step \(step)  loss \(value.scalar)") }
    optimizer.update([weight, bias], along: gradients)
}

// The closed form for comparison: append a row of ones to x and solve the normal equations.
let augmented = concatenate([features, Tensor.ones([1, 200])], alongAxis: 0)
let solution = try matmul(matmul(targets, augmented, transposingB: true),
                          matmul(augmented, augmented, transposingB: true).inverse())
print("fitted W  \(weight)")
print("fitted b  \(bias)")
print("true W    \(trueWeight)")
print("true b    \(trueBias)")
let fitted = concatenate([weight, bias.reshaped(to: [2, 1])], alongAxis: 1)
print("distance from the least-squares solution (Frobenius): \((fitted - solution).frobeniusNorm().scalar)")
