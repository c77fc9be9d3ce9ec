import Autograd

/// Limited-memory BFGS (Nocedal & Wright, *Numerical Optimization*, Algorithms 7.4 and 7.5)
/// with a strong Wolfe line search, for full-batch problems with a handful to a few thousand
/// parameters: SciPy's `minimize(method="L-BFGS-B")` without bounds, or `torch.optim.LBFGS`
/// with `line_search_fn="strong_wolfe"`. Each iteration takes the direction d = −H·g from the
/// last `historySize` pairs (s, y) by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I, and
/// steps x ← x + α·d with a step α from `StrongWolfeLineSearch`.
///
///     let optimizer = LBFGS(gradientTolerance: 1e-8)
///     let result = try optimizer.minimize([a, b]) { meanSquaredError(predictions: a * x + b, targets: y) }
///     print(result)   // a and b now hold the minimiser
///
/// The arithmetic of the method is in float64 whatever the parameters' type; float32
/// parameters hold each trial point rounded to float32.
public struct LBFGS: Sendable {
    /// How many correction pairs (s, y) shape the direction (SciPy's `maxcor`).
    public let historySize: Int
    /// Stop when every gradient component is at most this in magnitude (SciPy's `gtol`).
    public let gradientTolerance: Double
    /// Stop when an iteration lowers the loss by at most this, relative to max(|fₖ|, |fₖ₊₁|, 1)
    /// (SciPy's `ftol`).
    public let lossChangeTolerance: Double
    /// The most iterations (accepted steps).
    public let maxIterations: Int
    /// The most evaluations of the loss and its gradient, counting the first.
    public let maxEvaluations: Int
    /// The line search each iteration uses.
    public let lineSearch: StrongWolfeLineSearch

    /// Why `minimize` stopped.
    public enum StopReason: Sendable, Equatable, CustomStringConvertible {
        /// Every gradient component is within `gradientTolerance`: converged.
        case gradientBelowTolerance
        /// The last step lowered the loss by at most `lossChangeTolerance` (relative): converged.
        case lossChangeBelowTolerance
        /// `maxIterations` steps were taken.
        case iterationLimit
        /// `maxEvaluations` evaluations were made.
        case evaluationLimit
        /// The line search found no strong Wolfe step, even along steepest descent; the
        /// parameters hold the last accepted point.
        case lineSearchFailed(StrongWolfeLineSearch.Failure)

        /// What happened, in words.
        public var description: String {
            switch self {
            case .gradientBelowTolerance: "converged: the gradient is within the tolerance"
            case .lossChangeBelowTolerance: "converged: the loss changed by less than the tolerance"
            case .iterationLimit: "not converged: reached the iteration limit"
            case .evaluationLimit: "not converged: reached the evaluation limit"
            case .lineSearchFailed(let failure): "not converged: \(failure)"
            }
        }
    }

    /// The end of a minimisation.
    public struct Result: Sendable, CustomStringConvertible {
        /// Steps accepted.
        public let iterations: Int
        /// Evaluations of the loss and its gradient.
        public let evaluations: Int
        /// The loss at the final parameters.
        public let loss: Double
        /// The largest gradient component in magnitude (∞-norm) at the final parameters.
        public let gradientNorm: Double
        /// Why it stopped.
        public let stopReason: StopReason

        /// Whether it stopped on a tolerance (not a limit or a line-search failure).
        public var converged: Bool {
            stopReason == .gradientBelowTolerance || stopReason == .lossChangeBelowTolerance
        }

        /// One line with the figures and the reason.
        public var description: String {
            "L-BFGS: \(stopReason) after \(iterations) iterations and \(evaluations) evaluations; "
                + "loss \(loss), largest gradient component \(gradientNorm)"
        }
    }

    /// An optimizer with SciPy's defaults: 10 pairs, `gtol` 10⁻⁵, `ftol` 2.2·10⁻⁹ (`factr` 10⁷
    /// times machine ε). Traps on a history or a limit below 1, or a negative or NaN tolerance.
    public init(
        historySize: Int = 10, gradientTolerance: Double = 1e-5, lossChangeTolerance: Double = 2.220446049250313e-9,
        maxIterations: Int = 15_000, maxEvaluations: Int = 15_000, lineSearch: StrongWolfeLineSearch = .init()
    ) {
        check(historySize >= 1, "LBFGS: historySize must be at least 1, got \(historySize)")
        check(gradientTolerance >= 0 && lossChangeTolerance >= 0,
              "LBFGS: gradientTolerance (\(gradientTolerance)) and lossChangeTolerance (\(lossChangeTolerance)) must not be negative or NaN")
        check(maxIterations >= 1 && maxEvaluations >= 1,
              "LBFGS: maxIterations (\(maxIterations)) and maxEvaluations (\(maxEvaluations)) must be at least 1")
        self.historySize = historySize
        self.gradientTolerance = gradientTolerance
        self.lossChangeTolerance = lossChangeTolerance
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations
        self.lineSearch = lineSearch
    }

    /// Minimises `loss`, a scalar function of the leaf tensors `parameters` it captures,
    /// overwriting them with the minimiser (or the last accepted point when it stops early).
    /// A non-finite loss or gradient at a trial point counts as a step too long (the line
    /// search shortens it); when no finite strong Wolfe step exists, it stops with
    /// `.lineSearchFailed` and `converged == false`.
    ///
    /// - Throws: `OptimizationError.nonFiniteStart` when the loss or gradient is NaN or
    ///   infinite at the starting point, and whatever `loss` throws (the parameters are first
    ///   put back to the last accepted point).
    /// - Traps: when `parameters` is empty or holds a tensor that is not a leaf, or `loss`
    ///   does not return a scalar.
    public func minimize(_ parameters: [Tensor], loss: () throws -> Tensor) throws -> Result {
        check(!parameters.isEmpty, "LBFGS.minimize: needs at least one parameter")
        var problem = FlatProblem(parameters: parameters)
        var point = try problem.evaluate(loss, at: problem.start)
        guard point.value.isFinite, point.gradient.allSatisfy(\.isFinite) else {
            throw OptimizationError.nonFiniteStart(loss: point.value)
        }
        var history = CorrectionHistory(capacity: historySize)
        var iterations = 0
        func result(_ reason: StopReason) -> Result {
            Result(iterations: iterations, evaluations: problem.evaluations, loss: point.value,
                   gradientNorm: point.gradient.map { abs($0) }.max() ?? 0, stopReason: reason)
        }
        while true {
            if point.gradient.allSatisfy({ abs($0) <= gradientTolerance }) { return result(.gradientBelowTolerance) }
            if iterations >= maxIterations { return result(.iterationLimit) }
            if problem.evaluations >= maxEvaluations { return result(.evaluationLimit) }
            var direction = history.direction(for: point.gradient)
            var slope = dot(point.gradient, direction)
            if !(slope < 0) {  // rounding can cost descent: fall back to steepest descent
                history.removeAll()
                direction = point.gradient.map { -$0 }
                slope = dot(point.gradient, direction)
            }
            if !slope.isFinite {  // gᵀd overflowed (a finite gradient near 1e154 or more): scale d to unit size
                let largest = direction.map { abs($0) }.max() ?? 1
                direction = direction.map { $0 / largest }
                slope = dot(point.gradient, direction)
            }
            guard slope.isFinite, slope < 0 else { return result(.lineSearchFailed(.nonFiniteValues)) }
            // Steepest descent starts with a unit-length step, a quasi-Newton direction with α = 1.
            let initialStep = history.isEmpty ? min(1, 1 / dot(direction, direction).squareRoot()) : 1
            let search = StrongWolfeLineSearch(
                sufficientDecrease: lineSearch.sufficientDecrease, curvature: lineSearch.curvature,
                maxEvaluations: min(lineSearch.maxEvaluations, maxEvaluations - problem.evaluations))
            var trial = point
            let outcome: StrongWolfeLineSearch.Outcome
            do {
                outcome = try search.search(value: point.value, slope: slope, initialStep: initialStep) { step in
                    trial = try problem.evaluate(loss, at: zip(point.position, direction).map { $0 + step * $1 })
                    return (trial.value, dot(trial.gradient, direction))
                }
            } catch {
                problem.write(point.position)
                throw error
            }
            guard case .accepted = outcome else {
                problem.write(point.position)
                if case .failed(let failure, _) = outcome, history.isEmpty {
                    return result(problem.evaluations >= maxEvaluations ? .evaluationLimit : .lineSearchFailed(failure))
                }
                history.removeAll()  // retry once along steepest descent, as L-BFGS-B does
                continue
            }
            history.append(step: zip(trial.position, point.position).map { $0 - $1 },
                           gradientChange: zip(trial.gradient, point.gradient).map { $0 - $1 })
            let decrease = point.value - trial.value
            let scale = max(abs(point.value), abs(trial.value), 1)
            point = trial
            iterations += 1
            if decrease <= lossChangeTolerance * scale { return result(.lossChangeBelowTolerance) }
        }
    }
}

/// An optimizer's data-dependent failure.
public enum OptimizationError: Error, CustomStringConvertible {
    /// The loss or its gradient is NaN or infinite at the starting point: there is no descent to start.
    case nonFiniteStart(loss: Double)

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case .nonFiniteStart(let loss):
            "the loss (\(loss)) or its gradient is NaN or infinite at the starting point; nothing was changed"
        }
    }
}

// MARK: - The problem as one vector

/// One evaluated point: where, the loss there, and its gradient.
private struct EvaluatedPoint {
    var position: [Double]
    var value: Double
    var gradient: [Double]
}

/// The parameters seen as one float64 vector, and the loss as a function of it.
private struct FlatProblem {
    let parameters: [Tensor]
    var evaluations = 0

    /// The parameters' current values, concatenated.
    var start: [Double] { parameters.flatMap(\.scalars) }

    /// Writes `position` into the parameters, each rounded to its type.
    func write(_ position: [Double]) {
        var offset = 0
        for parameter in parameters {
            let values = Array(position[offset..<(offset + parameter.scalarCount)])
            parameter.assign(Tensor(shape: parameter.shape, scalars: values).converted(to: parameter.dtype))
            offset += parameter.scalarCount
        }
    }

    /// Writes `position`, then evaluates `loss` and its gradient there. The position returned
    /// is the parameters' values read back (rounded to their types).
    mutating func evaluate(_ loss: () throws -> Tensor, at position: [Double]) throws -> EvaluatedPoint {
        write(position)
        let (value, gradients) = try valueWithGradient(withRespectTo: parameters, of: loss)
        evaluations += 1
        return EvaluatedPoint(position: start, value: value.scalar, gradient: gradients.flatMap(\.scalars))
    }
}

/// The last few pairs sₖ = xₖ₊₁ − xₖ, yₖ = gₖ₊₁ − gₖ, and the two-loop recursion over them.
private struct CorrectionHistory {
    let capacity: Int
    private var pairs: [(s: [Double], y: [Double], rho: Double)] = []

    init(capacity: Int) { self.capacity = capacity }

    /// Whether no pair is kept.
    var isEmpty: Bool { pairs.isEmpty }

    /// Forgets every pair.
    mutating func removeAll() { pairs.removeAll() }

    /// Keeps the pair when sᵀy > 0 (always, after a strong Wolfe step, but for rounding),
    /// dropping the oldest beyond `capacity`.
    mutating func append(step s: [Double], gradientChange y: [Double]) {
        let curvature = dot(s, y)
        guard curvature > 1e-10 * dot(y, y) else { return }
        pairs.append((s, y, 1 / curvature))
        if pairs.count > capacity { pairs.removeFirst() }
    }

    /// d = −H·g by Algorithm 7.4, with H₀ = (sᵀy / yᵀy)·I from the newest pair (I when none).
    func direction(for gradient: [Double]) -> [Double] {
        var q = gradient
        var alphas = [Double](repeating: 0, count: pairs.count)
        for (index, pair) in pairs.enumerated().reversed() {
            alphas[index] = pair.rho * dot(pair.s, q)
            axpy(-alphas[index], pair.y, &q)
        }
        if let newest = pairs.last {
            let scale = 1 / (newest.rho * dot(newest.y, newest.y))
            q = q.map { $0 * scale }
        }
        for (index, pair) in pairs.enumerated() {
            let beta = pair.rho * dot(pair.y, q)
            axpy(alphas[index] - beta, pair.s, &q)
        }
        return q.map { -$0 }
    }
}

/// Σ aᵢbᵢ.
private func dot(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

/// y ← y + a·x.
private func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for index in y.indices { y[index] += a * x[index] }
}
