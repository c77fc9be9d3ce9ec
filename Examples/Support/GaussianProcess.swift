import Autograd
import Foundation

/// One additive term of a stationary covariance function k(x, x′) of one input, with
/// positive hyperparameters kept as their logarithms (so an optimizer can move them freely).
public struct CovarianceTerm: Sendable {
    /// What the term models, such as `long-term trend`.
    public let name: String
    /// The hyperparameters' names, in the order `covariance` receives them.
    public let parameterNames: [String]
    /// Their starting values (not logarithms).
    public let initialValues: [Double]
    /// k for every pair of inputs: the matrix of differences x − x′, the hyperparameters as
    /// tensors (their values, not logarithms), and whether the inputs are the same set (a noise
    /// term adds to the diagonal then and only then).
    public let covariance: @Sendable (_ differences: Tensor, _ parameters: [Tensor], _ sameInputs: Bool) -> Tensor

    /// A term with the given names, starting values and covariance.
    public init(
        name: String, parameters: KeyValuePairs<String, Double>,
        covariance: @escaping @Sendable (_ differences: Tensor, _ parameters: [Tensor], _ sameInputs: Bool) -> Tensor
    ) {
        self.name = name
        self.parameterNames = parameters.map(\.key)
        self.initialValues = parameters.map(\.value)
        self.covariance = covariance
    }

    /// σ²·exp(−r²/(2ℓ²)), the squared-exponential (RBF) kernel.
    public static func squaredExponential(name: String, amplitude: Double, lengthScale: Double) -> CovarianceTerm {
        CovarianceTerm(name: name, parameters: ["amplitude": amplitude, "length scale": lengthScale]) { r, p, _ in
            square(p[0]) * exp(-0.5 * square(r / p[1]))
        }
    }

    /// σ²·exp(−r²/(2ℓ_d²) − 2 sin²(πr/P)/ℓ_p²): a periodic component of period P that decays
    /// over ℓ_d (the product of an RBF and scikit-learn's `ExpSineSquared`).
    public static func decayingPeriodic(name: String, amplitude: Double, decay: Double, smoothness: Double, period: Double) -> CovarianceTerm {
        CovarianceTerm(name: name, parameters: ["amplitude": amplitude, "decay length": decay, "periodic length scale": smoothness]) { r, p, _ in
            square(p[0]) * exp(-0.5 * square(r / p[1]) - 2 * square(sin(r * (Double.pi / period)) / p[2]))
        }
    }

    /// σ²·(1 + r²/(2αℓ²))^(−α), the rational quadratic kernel (a scale mixture of RBFs).
    public static func rationalQuadratic(name: String, amplitude: Double, lengthScale: Double, shape: Double) -> CovarianceTerm {
        CovarianceTerm(name: name, parameters: ["amplitude": amplitude, "length scale": lengthScale, "shape α": shape]) { r, p, _ in
            square(p[0]) * exp(-p[2] * log(1 + square(r / p[1]) / (2 * p[2])))
        }
    }

    /// σ²·δ(x, x′): independent noise on each observation.
    public static func whiteNoise(name: String, deviation: Double) -> CovarianceTerm {
        CovarianceTerm(name: name, parameters: ["deviation": deviation]) { r, p, sameInputs in
            sameInputs ? square(p[0]) * Tensor.eye(r.shape[0], dtype: r.dtype) : Tensor.zeros(r.shape, dtype: r.dtype)
        }
    }
}

/// A covariance function made of additive terms; its hyperparameters are one flat list of
/// logarithms, term after term.
public struct CompositeKernel: Sendable {
    /// The terms, summed.
    public let terms: [CovarianceTerm]

    /// The sum of `terms`.
    public init(_ terms: [CovarianceTerm]) { self.terms = terms }

    /// Every hyperparameter as `term: name`, in order.
    public var parameterNames: [String] { terms.flatMap { term in term.parameterNames.map { "\(term.name): \($0)" } } }

    /// The logarithms of the starting values, in order.
    public var initialLogParameters: [Double] { terms.flatMap { $0.initialValues.map { Foundation.log($0) } } }

    /// K with Kᵢⱼ = k(aᵢ, bⱼ) for vectors `a` and `b` of inputs; `logParameters` holds one
    /// scalar tensor per hyperparameter. Noise terms count only when `sameInputs`.
    public func covariance(_ a: Tensor, _ b: Tensor, logParameters: [Tensor], sameInputs: Bool) -> Tensor {
        let count = terms.reduce(0) { $0 + $1.parameterNames.count }
        check(logParameters.count == count, "CompositeKernel.covariance: \(count) hyperparameters, got \(logParameters.count)")
        let differences = a.reshaped(to: [a.scalarCount, 1]) - b.reshaped(to: [1, b.scalarCount])
        var offset = 0
        var sum: Tensor?
        for term in terms {
            let values = logParameters[offset..<(offset + term.parameterNames.count)].map { exp($0) }
            offset += term.parameterNames.count
            let k = term.covariance(differences, values, sameInputs)
            sum = sum.map { $0 + k } ?? k
        }
        return sum!
    }
}

/// A zero-mean Gaussian-process regression on inputs `x` and targets `y` (centre them first).
public struct GaussianProcess {
    /// The covariance function.
    public let kernel: CompositeKernel
    /// The training inputs, a vector.
    public let x: Tensor
    /// The training targets, a vector.
    public let y: Tensor

    /// A process on `x` and `y`, vectors of the same length.
    public init(kernel: CompositeKernel, x: Tensor, y: Tensor) {
        check(x.rank == 1 && y.shape == x.shape, "GaussianProcess: needs vectors x and y of one length, got shapes \(x.shape) and \(y.shape)")
        self.kernel = kernel
        self.x = x
        self.y = y
    }

    /// The negative log marginal likelihood, with K = L·Lᵀ:
    ///
    ///     −log p(y | θ) = ½·yᵀK⁻¹y + Σᵢ log Lᵢᵢ + (n/2)·log 2π
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when K is not (numerically) positive definite.
    public func negativeLogMarginalLikelihood(logParameters: [Tensor]) throws -> Tensor {
        let k = kernel.covariance(x, x, logParameters: logParameters, sameInputs: true)
        let l = try k.cholesky()
        let alpha = choleskySolve(l, y)
        return 0.5 * (y * alpha).sum() + log(l.diagonal()).sum() + 0.5 * Double(y.scalarCount) * Foundation.log(2 * Double.pi)
    }

    /// The posterior mean and standard deviation of a new observation (noise included) at each
    /// of the inputs `xStar`, without recording a graph:
    ///
    ///     μ = K*ᵀK⁻¹y,   σ² = k(x*, x*) − diag(K*ᵀK⁻¹K*)
    public func predict(at xStar: Tensor, logParameters: [Tensor]) throws -> (mean: [Double], deviation: [Double]) {
        try withoutGradients {
            let l = try kernel.covariance(x, x, logParameters: logParameters, sameInputs: true).cholesky()
            let cross = kernel.covariance(x, xStar, logParameters: logParameters, sameInputs: false)
            let mean = matmul(cross.transposed(), choleskySolve(l, y).reshaped(to: [y.scalarCount, 1]))
            let v = try triangularSolve(l, cross, lower: true)
            let origin = Tensor([0.0])
            let prior = kernel.covariance(origin, origin, logParameters: logParameters, sameInputs: true).scalar
            let variance = (prior - (v * v).sum(alongAxes: 0)).scalars
            return (mean.scalars, variance.map { Foundation.sqrt(Swift.max($0, 0)) })
        }
    }
}
