// Zygote-style linear regression: predict(x) = W·x .+ b, fitted by gradient descent with
// gradients taken with respect to the parameters the loss captures (Zygote's `Params`),
// then checked against the closed-form least-squares solution.
import ArgumentParser
import Autograd
import AutogradNN
import ExampleSupport

/// The command line, parsed and checked before any work starts.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "LinearRegression",
        abstract: "Fit W·x .+ b by gradient descent with gradients with respect to captured parameters.")

    @Option(help: "Gradient-descent steps (1...100000).")
    var steps = 300

    @Option(help: "The learning rate of plain gradient descent.")
    var learningRate = 0.1

    func validate() throws {
        try requireInRange(steps, 1...100_000, name: "--steps")
        try requirePositive(learningRate, name: "--learning-rate")
    }
}
let options = Options.parseOrExit()

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

let optimizer = SGD(learningRate: .constant(options.learningRate))
for step in 1...options.steps {
    let (value, gradients) = valueWithGradient(withRespectTo: [weight, bias], of: loss)
    do { try requireFiniteLoss(value.scalar, at: "step \(step)") } catch { Options.exit(withError: error) }
    if step % 50 == 0 || step == 1 { print("step \(step)  loss \(value.scalar)") }
    optimizer.update([weight, bias], along: gradients)
}

// The closed form for comparison: append a row of ones to x and solve the normal equations.
let augmented = concatenate([features, Tensor.ones([1, 200])], alongAxis: 0)
let solution: Tensor
do {
    solution = try matmul(matmul(targets, augmented, transposingB: true),
                          matmul(augmented, augmented, transposingB: true).inverse())
} catch {
    Options.exit(withError: error)  // a singular system: the features are linearly dependent
}
print("fitted W  \(weight)")
print("fitted b  \(bias)")
print("true W    \(trueWeight)")
print("true b    \(trueBias)")
let fitted = concatenate([weight, bias.reshaped(to: [2, 1])], alongAxis: 1)
print("distance from the least-squares solution (Frobenius): \((fitted - solution).frobeniusNorm().scalar)")
