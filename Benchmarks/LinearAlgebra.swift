import Autograd
import Foundation

// The linear-algebra workloads: a matrix-calculus gradient (the inverse and its norm), a
// Gaussian process's likelihood (Cholesky-dominated), and a linear solve.

/// Value and gradient of ‖X⁻¹‖_F for X = 2I + a small random 500 × 500 matrix.
func benchmarkInverseNorm() throws {
    let matrix = 2 * Tensor.eye(500) + Tensor.randomNormal([500, 500], standardDeviation: 0.5 / 500.0.squareRoot(), seed: 5)
    let seconds = try medianSeconds(repetitions: 10) {
        _ = try valueWithGradient(at: matrix) { try $0.inverse().frobeniusNorm() }
    }
    emit(["benchmark": "inverse-norm", "framework": "swift-autograd", "size": 500, "seconds": seconds])
}

// MARK: - Gaussian-process likelihood

/// The number of points of the Gaussian-process workload.
let gaussianProcessPoints = 1_000

/// The negative log marginal likelihood of targets `y` at 1-D inputs whose squared distances
/// are `squaredDistances`, under a squared-exponential kernel plus noise with the scalar log
/// parameters `logParameters` = [log ℓ, log σ², log σₙ²]:
///
///     K = σ²·exp(−D/(2ℓ²)) + σₙ²·I = L·Lᵀ,   NLML = ½·yᵀ·K⁻¹·y + Σ log Lᵢᵢ + (n/2)·log 2π
func negativeLogMarginalLikelihood(_ logParameters: [Tensor], squaredDistances: Tensor, y: Tensor) throws -> Tensor {
    let n = y.shape[0]
    let lengthScale = logParameters[0], signalVariance = logParameters[1], noiseVariance = logParameters[2]
    let covariance = exp(signalVariance) * exp(squaredDistances * (-0.5 * exp(-2 * lengthScale)))
        + exp(noiseVariance) * Tensor.eye(n)
    let factor = try covariance.cholesky()
    let alpha = choleskySolve(factor, y)
    return 0.5 * (y * alpha).sum() + log(factor.diagonal()).sum() + 0.5 * Double(n) * log(2 * Double.pi)
}

/// NLML value alone and value + gradient with respect to the three log parameters, n = 1,000
/// evenly spaced points on [0, 10) with y = sin x plus noise of standard deviation 0.1.
func benchmarkGaussianProcessLikelihood() throws {
    let n = gaussianProcessPoints
    let inputs = (0..<n).map { 10 * Double($0) / Double(n) }
    let squaredDistances = Tensor(shape: [n, n], scalars: inputs.flatMap { a in inputs.map { b in (a - b) * (a - b) } })
    let y = Tensor(shape: [n], scalars: inputs.map { Foundation.sin($0) }) + 0.1 * Tensor.randomNormal([n], seed: 6)
    let logParameters = [0, 0, log(0.01)].map { Tensor($0) }
    let valueSeconds = try medianSeconds(repetitions: 5) {
        _ = try negativeLogMarginalLikelihood(logParameters, squaredDistances: squaredDistances, y: y)
    }
    let gradientSeconds = try medianSeconds(repetitions: 5) {
        _ = try valueWithGradient(at: logParameters) {
            try negativeLogMarginalLikelihood($0, squaredDistances: squaredDistances, y: y)
        }
    }
    emit(["benchmark": "gp-likelihood", "framework": "swift-autograd", "points": n, "valueSeconds": valueSeconds,
          "valueAndGradientSeconds": gradientSeconds, "gradientOverValue": gradientSeconds / valueSeconds])
}

// MARK: - Solve

/// ‖A⁻¹·b‖² for A = 2I + a small random 500 × 500 matrix and a random b: the value alone, and
/// the value and its gradient with respect to A and b.
func benchmarkSolve() throws {
    let n = 500
    let a = 2 * Tensor.eye(n) + Tensor.randomNormal([n, n], standardDeviation: 0.5 / Double(n).squareRoot(), seed: 7)
    let b = Tensor.randomNormal([n], seed: 8)
    let loss = { (a: Tensor, b: Tensor) throws -> Tensor in
        let x = try solve(a, b)
        return (x * x).sum()
    }
    let valueSeconds = try medianSeconds(repetitions: 10) { _ = try loss(a, b) }
    let gradientSeconds = try medianSeconds(repetitions: 10) { _ = try valueWithGradient(at: a, b, of: loss) }
    emit(["benchmark": "solve", "framework": "swift-autograd", "size": n, "valueSeconds": valueSeconds,
          "valueAndGradientSeconds": gradientSeconds, "gradientOverValue": gradientSeconds / valueSeconds])
}
