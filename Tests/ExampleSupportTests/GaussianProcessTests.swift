import Autograd
import ExampleSupport
import Foundation
import Testing

/// The GPML section 5.4.3 kernel with scikit-learn's starting values.
private let maunaLoaKernel = CompositeKernel([
    .squaredExponential(name: "long-term trend", amplitude: 50, lengthScale: 50),
    .decayingPeriodic(name: "seasonal", amplitude: 2, decay: 100, smoothness: 1, period: 1),
    .rationalQuadratic(name: "medium term", amplitude: 0.5, lengthScale: 1, shape: 1),
    .squaredExponential(name: "short term", amplitude: 0.1, lengthScale: 0.1),
    .whiteNoise(name: "noise", deviation: 0.1),
])

/// Twelve points with centred targets, and the kernel's starting hyperparameters.
private func twelvePoints() -> (process: GaussianProcess, logParameters: [Tensor]) {
    let x = Tensor([1958.2, 1958.3, 1958.4, 1958.55, 1958.6, 1958.7, 1958.9, 1958.95, 1959.05, 1959.1, 1959.2, 1959.3])
    let y = Tensor([-23.7, -22.6, -22.4, -24.2, -24.9, -26.3, -26.4, -25.1, -24.3, -23.1, -23.1, -22.1])
    return (GaussianProcess(kernel: maunaLoaKernel, x: x, y: y), maunaLoaKernel.initialLogParameters.map { Tensor($0) })
}

@Suite("Gaussian-process regression")
struct GaussianProcessTests {
    @Test("The negative log marginal likelihood matches scikit-learn's")
    func negativeLogMarginalLikelihood() throws {
        let (process, logParameters) = twelvePoints()
        let value = try process.negativeLogMarginalLikelihood(logParameters: logParameters).scalar
        // scikit-learn 1.9.1: GaussianProcessRegressor(kernel=50.0**2 * RBF(50.0) + 2.0**2 * RBF(100.0)
        // * ExpSineSquared(1.0, 1.0) + 0.5**2 * RationalQuadratic(1.0, 1.0) + 0.1**2 * RBF(0.1)
        // + WhiteKernel(0.1**2), optimizer=None, alpha=0.0).fit(X, y).log_marginal_likelihood_value_
        // on these twelve points is −31.50316733583061.
        #expect(abs(value - 31.50316733583061) <= 1e-9 * 31.5, "got \(value)")
    }

    @Test("Its gradient with respect to the eleven log hyperparameters passes the gradient check")
    func gradientCheck() {
        let (process, logParameters) = twelvePoints()
        let report = checkGradients(at: logParameters, stepSize: 1e-5, tolerance: 1e-5) { parameters in
            (try? process.negativeLogMarginalLikelihood(logParameters: parameters)) ?? Tensor(Double.nan)
        }
        #expect(report.passed, "\(report)")
    }

    @Test("Its second derivatives pass the gradient check with the noise deviation raised to 1")
    func secondOrderGradientCheck() {
        // At the starting noise 0.1 forward and reverse mode agree to 7e-11 but differ from the
        // central differences by 2.4e-5 (relative) at both h = 1e-4 and 1e-3; with noise 1 K is
        // better conditioned and the check passes at 1e-5.
        let (process, logParameters) = twelvePoints()
        let parameters = logParameters.dropLast() + [Tensor(0.0)]
        let report = checkGradients(at: Array(parameters), stepSize: 1e-4, tolerance: 1e-5, order: 2) { parameters in
            (try? process.negativeLogMarginalLikelihood(logParameters: parameters)) ?? Tensor(Double.nan)
        }
        #expect(report.passed, "\(report)")
    }

    @Test("Kernel terms against their formulas at r = 0.5")
    func terms() {
        let (a, b) = (Tensor([0.5]), Tensor([0.0]))
        func value(_ term: CovarianceTerm, sameInputs: Bool = false) -> Double {
            CompositeKernel([term]).covariance(a, b, logParameters: term.initialValues.map { Tensor(log($0)) }, sameInputs: sameInputs).scalar
        }
        // By hand: 4·exp(−0.5²/(2·0.25)) = 4e^(−1/2); 9·exp(−0.25/8 − 2 sin²(π/4)/0.25) = 9e^(−1/32 − 4);
        // 0.25·(1 + 0.25/(2·2·1))^(−2) = 0.25·(16/17)².
        #expect(abs(value(.squaredExponential(name: "", amplitude: 2, lengthScale: 0.5)) - 4 * exp(-0.5)) <= 1e-15)
        #expect(abs(value(.decayingPeriodic(name: "", amplitude: 3, decay: 2, smoothness: 0.5, period: 2)) - 9 * exp(-1.0 / 32 - 4)) <= 1e-14)
        #expect(abs(value(.rationalQuadratic(name: "", amplitude: 0.5, lengthScale: 1, shape: 2)) - 0.25 * (16.0 / 17) * (16.0 / 17)) <= 1e-15)
        #expect(value(.whiteNoise(name: "", deviation: 3)) == 0)
    }

    @Test("White noise is added on the diagonal only when the inputs are the training inputs")
    func whiteNoise() {
        let x = Tensor([0.0, 1])
        let noise = CompositeKernel([.whiteNoise(name: "noise", deviation: 3)])
        let diagonal = noise.covariance(x, x, logParameters: [Tensor(log(3.0))], sameInputs: true).scalars
        #expect(zip(diagonal, [9.0, 0, 0, 9]).allSatisfy { abs($0 - $1) <= 1e-14 }, "\(diagonal)")
        #expect(noise.covariance(x, x, logParameters: [Tensor(log(3.0))], sameInputs: false).scalars == [0, 0, 0, 0])
    }

    @Test("The posterior of one observation, by hand")
    func posterior() throws {
        // y = 1 at x = 0, k = exp(−r²/2) + δ: K = 2, μ(x*) = k(x*, 0)/2, σ²(x*) = 2 − k(x*, 0)²/2.
        let kernel = CompositeKernel([.squaredExponential(name: "", amplitude: 1, lengthScale: 1), .whiteNoise(name: "", deviation: 1)])
        let process = GaussianProcess(kernel: kernel, x: Tensor([0.0]), y: Tensor([1.0]))
        let (mean, deviation) = try process.predict(at: Tensor([0.0, 1]), logParameters: [Tensor(0.0), Tensor(0.0), Tensor(0.0)])
        #expect(abs(mean[0] - 0.5) <= 1e-15 && abs(mean[1] - exp(-0.5) / 2) <= 1e-15)
        #expect(abs(deviation[0] - 1.5.squareRoot()) <= 1e-15 && abs(deviation[1] - (2 - exp(-1) / 2).squareRoot()) <= 1e-15)
    }
}
