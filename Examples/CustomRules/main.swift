// Custom derivative rules: JAX's f(x, y) = y·sin(x) with a hand-written differential and
// pullback, and a rule for an algorithm: √x by Newton's iteration, differentiated through
// the implicit function (d√x/dx = 1/(2√x)) instead of through the loop.
import ArgumentParser
import Autograd
import Foundation

/// The command line: no options besides `--help`; anything else is refused before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "CustomRules",
        abstract: "Custom derivative rules: JAX's y·sin(x), and Newton's √x differentiated through the implicit function.")
}
_ = Options.parseOrExit()

// MARK: - f(x, y) = y·sin(x)

let f = CustomDerivative(
    "f",
    forward: { inputs in (value: inputs[1] * sin(inputs[0]), residuals: []) },
    pullback: { cotangent, rule in [cotangent * rule.inputs[1] * cos(rule.inputs[0]), cotangent * sin(rule.inputs[0])] },
    differential: { tangents, rule in tangents[0] * rule.inputs[1] * cos(rule.inputs[0]) + tangents[1] * sin(rule.inputs[0]) })

let (x, y) = (Tensor(2.0), Tensor(3.0))
let (gx, gy) = gradient(at: x, y) { f($0, $1) }
print("f(2, 3) = \(f(x, y).scalar); ∂f/∂x = \(gx.scalar) (y·cos x = \(3 * cos(2.0))), ∂f/∂y = \(gy.scalar) (sin x = \(sin(2.0)))")
let fReport = checkGradients(at: [Tensor([0.3, 1.1]), Tensor([2.0, -1.0])], order: 2) { f($0[0], $0[1]) }
print("checkGradients(order: 2) for f: \(fReport)")

// MARK: - √x by Newton's iteration

/// √x by Newton's iteration t ← (t + x/t)/2, run to convergence, written in tensor ops.
func newtonSquareRoot(_ x: Tensor, iterations: Int = 30) -> Tensor {
    var estimate = x + 1
    for _ in 0..<iterations { estimate = 0.5 * (estimate + x / estimate) }
    return estimate
}

// The custom rule runs the loop once, opaque to the engine, and differentiates the answer
// t = √x through the implicit function t² − x = 0: dt/dx = 1/(2t).
let squareRoot = CustomDerivative(
    "newtonSquareRoot",
    forward: { inputs in (value: newtonSquareRoot(inputs[0]), residuals: []) },
    pullback: { cotangent, rule in [cotangent / (2 * rule.output)] },
    differential: { tangents, rule in tangents[0] / (2 * rule.output) })

let point = Tensor([0.25, 2.0, 9.0])
let viaRule = gradient(at: point) { squareRoot($0).sum() }
let viaLoop = gradient(at: point) { newtonSquareRoot($0).sum() }
let exact = point.scalars.map { 1 / (2 * $0.squareRoot()) }
print("√x at \(point.scalars) = \(squareRoot(point).scalars)")
print("d√x/dx by the implicit-function rule: \(viaRule.scalars)")
print("d√x/dx by differentiating the loop:   \(viaLoop.scalars)")
print("exact 1/(2√x):                        \(exact)")
print("checkGradients(order: 2) for the rule: \(checkGradients(at: point, order: 2) { squareRoot($0) })")

let clock = ContinuousClock()
let large = Tensor.randomUniform([100_000], in: 0.5..<4, seed: 1)
let ruleTime = clock.measure { _ = gradient(at: large) { squareRoot($0).sum() } }
let loopTime = clock.measure { _ = gradient(at: large) { newtonSquareRoot($0).sum() } }
print("gradient at 100,000 points: rule \(ruleTime), unrolled loop \(loopTime) (the loop records 30 iterations × 4 ops)")
