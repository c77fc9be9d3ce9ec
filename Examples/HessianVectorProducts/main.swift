// Hessian-vector products: (a) H·v for a function of 1,000,000 variables whose Hessian
// (10¹² entries, 8 TB) could never be stored, against the closed form; (b) Newton-CG on the
// 100-dimensional Rosenbrock function, beside gradient descent at the same tolerance.
import ArgumentParser
import Autograd

/// The command line: no options besides `--help`; anything else is refused before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "HessianVectorProducts",
        abstract: "H·v in 1,000,000 dimensions, and Newton-CG against gradient descent on the 100-d Rosenbrock function.")
}
_ = Options.parseOrExit()

// MARK: - (a) H·v in a million dimensions

// f(x) = (Σ x²)² + Σ cos x;  H·v = 4(Σx²)·v + 8·x·(xᵀv) − cos x ⊙ v.
let n = 1_000_000
let x = Tensor.randomNormal([n], standardDeviation: 0.001, seed: 1)
let v = Tensor.randomNormal([n], seed: 2)
let hv = hessianVectorProduct(at: x, along: v) { x in square((x * x).sum()) + cos(x).sum() }
let squaredNorm = (x * x).sum().scalar, xDotV = (x * v).sum().scalar
let closedForm = 4 * squaredNorm * v + 8 * xDotV * x - cos(x) * v
let largest = zip(hv.scalars, closedForm.scalars).map { abs($0 - $1) }.max()!
print("(a) H·v for n = \(n): max |engine − closed form| = \(largest)")

// MARK: - (b) Newton-CG on Rosenbrock

/// Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² for i = 0 ..< n − 1, the shifted vectors as slices.
let dimension = 100
@MainActor func rosenbrock(_ x: Tensor) -> Tensor {
    let current = x[..<(dimension - 1)], next = x[1...]
    return (100 * square(next - current * current) + square(1 - current)).sum()
}
let start = Tensor((0..<dimension).map { $0 % 2 == 0 ? -1.2 : 1.0 })
let tolerance = 1e-8

/// Solves H·p = −g by conjugate gradients on Hessian-vector products, stopping early at
/// negative curvature (truncated Newton).
@MainActor func newtonDirection(at x: Tensor, gradient g: Tensor) -> Tensor {
    var p = Tensor.zeros(g.shape), r = -g, d = r
    let gNorm = g.frobeniusNorm().scalar
    for _ in 0..<dimension {
        let hd = hessianVectorProduct(at: x, along: d, of: rosenbrock)
        let curvature = (d * hd).sum().scalar
        if curvature <= 0 { return p.scalars.allSatisfy { $0 == 0 } ? -g : p }
        let alpha = (r * r).sum().scalar / curvature
        p = p + alpha * d
        let rNext = r - alpha * hd
        if rNext.frobeniusNorm().scalar <= min(0.5, gNorm.squareRoot()) * gNorm { return p }
        d = rNext + (rNext * rNext).sum().scalar / (r * r).sum().scalar * d
        r = rNext
    }
    return p
}

/// A step size that decreases f enough (Armijo backtracking).
@MainActor func lineSearch(at x: Tensor, value: Double, gradient g: Tensor, direction p: Tensor) -> Double {
    var step = 1.0
    let slope = (g * p).sum().scalar
    while rosenbrock(x + step * p).scalar > value + 1e-4 * step * slope && step > 1e-12 { step *= 0.5 }
    return step
}

/// Minimises from `start` with the given direction rule until ‖∇f‖ < tolerance.
@MainActor func minimise(maxIterations: Int, direction: (Tensor, Tensor) -> Tensor) -> (iterations: Int, gradientNorm: Double, value: Double) {
    var x = start
    for iteration in 0..<maxIterations {
        let (value, g) = valueWithGradient(at: x, of: rosenbrock)
        let norm = g.frobeniusNorm().scalar
        if norm < tolerance { return (iteration, norm, value.scalar) }
        let p = direction(x, g)
        x = x + lineSearch(at: x, value: value.scalar, gradient: g, direction: p) * p
    }
    let (value, g) = valueWithGradient(at: x, of: rosenbrock)
    return (maxIterations, g.frobeniusNorm().scalar, value.scalar)
}

let newton = minimise(maxIterations: 500, direction: newtonDirection)
print("(b) Newton-CG on Rosenbrock (n = \(dimension)): \(newton.iterations) iterations, ‖∇f‖ = \(newton.gradientNorm), f = \(newton.value)")
let descentBudget = 20_000
let descent = minimise(maxIterations: descentBudget) { _, g in -g }
let verdict = descent.gradientNorm < tolerance ? "reached" : "not reached"
print("    gradient descent, same line search: \(descent.iterations) iterations, ‖∇f‖ = \(descent.gradientNorm) (tolerance \(tolerance) \(verdict))")
