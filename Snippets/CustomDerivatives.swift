// Writing custom derivatives: rules, residuals, checking them, implicit differentiation.
// Run it with `swift run CustomDerivatives`.
import Autograd

// snippet.rule
// y = x³ with hand-written rules: ȳ ↦ 3x²·ȳ and ẋ ↦ 3x²·ẋ.
let cube = CustomDerivative(
    "cube",
    forward: { inputs in (value: pow(inputs[0], 3), residuals: []) },
    pullback: { cotangent, rule in [cotangent * 3 * square(rule.inputs[0])] },
    differential: { tangents, rule in tangents[0] * 3 * square(rule.inputs[0]) })
let x = Tensor([0.5, -1.0, 2.0])
print("cube(x) =", cube(x), " ∇Σ cube =", gradient(at: x) { cube($0).sum() })
// snippet.end

// snippet.residuals
// y = sin x, saving cos x for both rules: the forward computation is the place to compute
// what the rules share. Written in Tensor operations, the residual has derivatives of its own.
let sine = CustomDerivative(
    "sine",
    forward: { inputs in (value: sin(inputs[0]), residuals: [cos(inputs[0])]) },
    pullback: { cotangent, rule in [cotangent * rule.residuals[0]] },
    differential: { tangents, rule in tangents[0] * rule.residuals[0] })
let secondDerivative = gradient(at: Tensor(1.0)) { x in gradient(at: x) { sine($0) } }
print("d²/dx² sin at 1 =", secondDerivative.scalar, " (−sin 1 =", -sin(Tensor(1.0)).scalar, ")")
// snippet.end

// snippet.opaque
// √x by Newton's iteration on plain Doubles: opaque to the engine. The rule differentiates
// the answer, not the loop: y² = x gives dy/dx = 1/(2y), read from the output.
func newtonSquareRoot(_ value: Double) -> Double {
    var estimate = max(value, 1)
    for _ in 0..<60 { estimate = 0.5 * (estimate + value / estimate) }
    return estimate
}
let squareRoot = CustomDerivative(
    "newtonSquareRoot",
    forward: { inputs in
        (value: Tensor(shape: inputs[0].shape, scalars: inputs[0].scalars.map(newtonSquareRoot)), residuals: [])
    },
    pullback: { cotangent, rule in [cotangent / (2 * rule.output)] },
    differential: { tangents, rule in tangents[0] / (2 * rule.output) })
let radicands = Tensor([0.25, 2.0, 9.0])
print("√x =", squareRoot(radicands), " d√x/dx =", gradient(at: radicands) { squareRoot($0).sum() })
// snippet.end

// snippet.check
let cubeReport = checkGradients(at: x, order: 2) { cube($0) }
print(cubeReport)
let squareRootReport = checkGradients(at: radicands, order: 2) { squareRoot($0) }
print("passed:", squareRootReport.passed)
// snippet.end

// snippet.wrongRule
// The pullback forgets the factor 3; the differential is right.
let wrongCube = CustomDerivative(
    "wrongCube",
    forward: { inputs in (value: pow(inputs[0], 3), residuals: []) },
    pullback: { cotangent, rule in [cotangent * square(rule.inputs[0])] },
    differential: { tangents, rule in tangents[0] * 3 * square(rule.inputs[0]) })
let wrongReport = checkGradients(at: x) { wrongCube($0) }
print(wrongReport)
// snippet.end

// snippet.implicitRoot
// √θ as the root of F(x, θ) = x² − θ, found by any solver and differentiated by the
// implicit function theorem: dx/dθ = −(∂F/∂x)⁻¹·∂F/∂θ = 1/(2x).
let theta = Tensor([4.0, 9.0])
func root(_ theta: Tensor) throws -> Tensor {
    try implicitRoot(of: { x in x * x - theta }, initialGuess: Tensor.ones([2])) { f, x in
        var x = x
        for _ in 0..<30 { x = x - f(x) / (2 * x) }   // Newton for x² = θ, never differentiated
        return x
    }
}
print("√θ =", try root(theta))
print("d√θ/dθ =", try gradient(at: theta) { try root($0).sum() })                         // 1/(2√θ)
print("d²√θ/dθ² =", try hessianVectorProduct(at: theta, along: Tensor.ones([2])) { try root($0).sum() })   // −¼θ^(−3/2)
// snippet.end

// snippet.fixedPoint
// x = cos(θ·x) at θ = 1 (the Dottie number), and dx/dθ = −x·sin(θx)/(1 + θ·sin(θx)).
let (dottie, slope) = try valueWithGradient(at: Tensor(1.0)) { theta in
    try fixedPoint(of: { x in cos(theta * x) }, initialGuess: Tensor(0.0))
}
let closedForm = -dottie * sin(dottie) / (1 + sin(dottie))
print("x* =", dottie.scalar, " dx*/dθ =", slope.scalar, " closed form:", closedForm.scalar)
// snippet.end

// snippet.linearSolve
// x = A⁻¹b for a symmetric positive definite A given only as a product v ↦ A·v; the gradient
// with respect to A (captured) is the same as through solve(A, b).
let a = Tensor([[4.0, 1.0], [1.0, 3.0]])
let b = Tensor([1.0, 2.0])
let viaOperator = try gradient(at: a) { a in
    try linearSolve(b, method: .conjugateGradient) { v in matmul(a, v) }.sum()
}
let viaLU = try gradient(at: a) { a in try solve(a, b).sum() }
print("∂Σx/∂A by conjugate gradient:", viaOperator)
print("∂Σx/∂A through solve:         ", viaLU)
// snippet.end
