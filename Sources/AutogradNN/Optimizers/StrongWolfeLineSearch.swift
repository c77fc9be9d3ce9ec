import Autograd

/// A line search for a step α > 0 along a descent direction that satisfies the strong Wolfe
/// conditions (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithms 3.5 and 3.6,
/// with cubic interpolation as in `torch.optim.LBFGS`'s `_strong_wolfe`):
///
///     φ(α) ≤ φ(0) + c₁·α·φ′(0)        (sufficient decrease)
///     |φ′(α)| ≤ c₂·|φ′(0)|            (curvature)
///
/// where φ(α) = f(x + α·d) and φ′(α) = ∇f(x + α·d)·d. The search widens the step until it
/// brackets an interval holding such a point, then shrinks the interval (zoom) to it. A trial
/// whose value or slope is NaN or infinite is treated as a step too long: the interval is
/// bisected towards the last finite point.
public struct StrongWolfeLineSearch: Sendable {
    /// The sufficient-decrease constant c₁, in (0, c₂).
    public let sufficientDecrease: Double
    /// The curvature constant c₂, in (c₁, 1): 0.9 for quasi-Newton methods; smaller values
    /// make the search closer to exact.
    public let curvature: Double
    /// The most evaluations of φ one search may make.
    public let maxEvaluations: Int

    /// One evaluated trial step: α, φ(α) and φ′(α).
    public struct Point: Sendable, Equatable {
        /// The step α.
        public let step: Double
        /// φ(α), +∞ when the function returned NaN or ±∞ there.
        public let value: Double
        /// φ′(α), NaN when the function returned a non-finite value or slope there.
        public let slope: Double
    }

    /// Why a search ended without a step satisfying the strong Wolfe conditions.
    public enum Failure: Sendable, Equatable, CustomStringConvertible {
        /// `maxEvaluations` trials, none satisfying both conditions.
        case evaluationLimit
        /// The bracketing interval shrank below rounding error (often: at the minimum already,
        /// to the precision of the function, or a gradient that does not match the function).
        case intervalTooSmall
        /// The last trial's value or slope was NaN or infinite.
        case nonFiniteValues

        /// What happened, in words.
        public var description: String {
            switch self {
            case .evaluationLimit: "the line search made its maximum number of evaluations without finding a strong Wolfe point"
            case .intervalTooSmall: "the line search interval shrank below rounding error without a strong Wolfe point"
            case .nonFiniteValues: "the line search met NaN or infinite values and found no strong Wolfe point"
            }
        }
    }

    /// The end of a search.
    public enum Outcome: Sendable, Equatable {
        /// A step satisfying both strong Wolfe conditions; the last trial evaluated.
        case accepted(Point, evaluations: Int)
        /// No such step was found.
        case failed(Failure, evaluations: Int)

        /// How many times φ was evaluated.
        public var evaluations: Int {
            switch self {
            case .accepted(_, let evaluations), .failed(_, let evaluations): evaluations
            }
        }
    }

    /// A search with constants 0 < c₁ < c₂ < 1 (SciPy's and PyTorch's defaults 10⁻⁴ and 0.9)
    /// making at most `maxEvaluations` (≥ 1) trials. Traps on other values.
    public init(sufficientDecrease: Double = 1e-4, curvature: Double = 0.9, maxEvaluations: Int = 25) {
        check(sufficientDecrease > 0 && sufficientDecrease < curvature && curvature < 1,
              "StrongWolfeLineSearch: needs 0 < sufficientDecrease < curvature < 1, got \(sufficientDecrease) and \(curvature)")
        check(maxEvaluations >= 1, "StrongWolfeLineSearch: maxEvaluations must be at least 1, got \(maxEvaluations)")
        self.sufficientDecrease = sufficientDecrease
        self.curvature = curvature
        self.maxEvaluations = maxEvaluations
    }

    /// Searches from φ(0) = `value` with slope φ′(0) = `slope` < 0, trying `initialStep` first;
    /// `evaluate(α)` returns (φ(α), φ′(α)). The accepted point is always the last one evaluated.
    /// Errors thrown by `evaluate` end the search and are rethrown.
    ///
    /// Traps when `value` is not finite, `slope` is not negative, or `initialStep` is not
    /// finite and positive.
    public func search(
        value: Double, slope: Double, initialStep: Double,
        evaluate: (Double) throws -> (value: Double, slope: Double)
    ) rethrows -> Outcome {
        check(value.isFinite && slope < 0 && slope.isFinite,
              "StrongWolfeLineSearch.search: needs a finite value and a negative slope (a descent direction), got \(value) and \(slope)")
        check(initialStep.isFinite && initialStep > 0,
              "StrongWolfeLineSearch.search: initialStep must be finite and positive, got \(initialStep)")
        var state = SearchState(search: self, value: value, slope: slope)
        var previous = Point(step: 0, value: value, slope: slope)
        var step = initialStep
        while state.evaluations < maxEvaluations {
            let current = try state.trial(step, evaluate)
            if !state.decreasesSufficiently(current) || (previous.step > 0 && current.value >= previous.value) {
                return try state.zoom(low: previous, high: current, evaluate)
            }
            if state.satisfiesCurvature(current) { return .accepted(current, evaluations: state.evaluations) }
            if current.slope >= 0 { return try state.zoom(low: current, high: previous, evaluate) }
            // Still descending: extrapolate, at least 1% further and at most ten times as far.
            step = cubicMinimizer(previous, current, within: (current.step + 0.01 * (current.step - previous.step))...(10 * current.step))
            previous = current
        }
        return .failed(.evaluationLimit, evaluations: state.evaluations)
    }
}

/// The constants and the count of one search, and the zoom phase (Algorithm 3.6).
private struct SearchState {
    let search: StrongWolfeLineSearch
    /// φ(0) and φ′(0).
    let value: Double, slope: Double
    var evaluations = 0
    var lastWasFinite = true

    /// Evaluates φ at `step`, recording a non-finite result as (+∞, NaN).
    mutating func trial(_ step: Double, _ evaluate: (Double) throws -> (value: Double, slope: Double)) rethrows -> StrongWolfeLineSearch.Point {
        let (value, slope) = try evaluate(step)
        evaluations += 1
        lastWasFinite = value.isFinite && slope.isFinite
        return lastWasFinite ? .init(step: step, value: value, slope: slope) : .init(step: step, value: .infinity, slope: .nan)
    }

    /// φ(α) ≤ φ(0) + c₁·α·φ′(0).
    func decreasesSufficiently(_ point: StrongWolfeLineSearch.Point) -> Bool {
        point.value <= value + search.sufficientDecrease * point.step * slope
    }

    /// |φ′(α)| ≤ −c₂·φ′(0).
    func satisfiesCurvature(_ point: StrongWolfeLineSearch.Point) -> Bool {
        abs(point.slope) <= -search.curvature * slope
    }

    /// Shrinks the interval between `low` (the lowest point so far satisfying sufficient
    /// decrease) and `high` until a trial satisfies both conditions.
    mutating func zoom(
        low: StrongWolfeLineSearch.Point, high: StrongWolfeLineSearch.Point,
        _ evaluate: (Double) throws -> (value: Double, slope: Double)
    ) rethrows -> StrongWolfeLineSearch.Outcome {
        var (low, high) = (low, high)
        var wasNearEnd = false
        while evaluations < search.maxEvaluations {
            let (left, right) = (min(low.step, high.step), max(low.step, high.step))
            let width = right - left
            guard width > 4 * right.ulp else {
                return .failed(lastWasFinite ? .intervalTooSmall : .nonFiniteValues, evaluations: evaluations)
            }
            // The cubic's minimiser (the middle when there is none). One trial within a tenth of the
            // interval from an end is allowed; a second in a row, or one at an end, is moved a
            // tenth inside, so the interval keeps shrinking (as PyTorch's `insuf_progress`).
            var step = cubicMinimizer(low, high, within: left...right)
            let margin = 0.1 * width
            if min(right - step, step - left) < margin {
                if wasNearEnd || step <= left || step >= right {
                    step = right - step < step - left ? right - margin : left + margin
                    wasNearEnd = false
                } else {
                    wasNearEnd = true
                }
            } else {
                wasNearEnd = false
            }
            let current = try trial(step, evaluate)
            if !decreasesSufficiently(current) || current.value >= low.value {
                high = current
            } else {
                if satisfiesCurvature(current) { return .accepted(current, evaluations: evaluations) }
                if current.slope * (high.step - low.step) >= 0 { high = low }
                low = current
            }
        }
        return .failed(lastWasFinite ? .evaluationLimit : .nonFiniteValues, evaluations: evaluations)
    }
}

/// The minimiser of the cubic through two points' values and slopes, clamped to `bounds`; the
/// middle of `bounds` when the cubic has no minimiser or a point is not finite
/// (Nocedal & Wright, equation 3.59).
///
///     d₁ = φ′₁ + φ′₂ − 3(φ₁ − φ₂)/(α₁ − α₂),   d₂ = sign(α₂ − α₁)·√(d₁² − φ′₁φ′₂)
///     α = α₂ − (α₂ − α₁)·(φ′₂ + d₂ − d₁)/(φ′₂ − φ′₁ + 2d₂)
func cubicMinimizer(
    _ a: StrongWolfeLineSearch.Point, _ b: StrongWolfeLineSearch.Point, within bounds: ClosedRange<Double>
) -> Double {
    let middle = (bounds.lowerBound + bounds.upperBound) / 2
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
    let discriminant = d1 * d1 - a.slope * b.slope
    guard discriminant >= 0 else { return middle }
    let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
    let minimizer = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    guard minimizer.isFinite else { return middle }
    return min(max(minimizer, bounds.lowerBound), bounds.upperBound)
}
