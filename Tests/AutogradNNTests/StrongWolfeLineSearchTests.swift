import AutogradNN
import AutogradTestSupport
import Foundation
import Testing

/// A one-dimensional φ with its derivative, the constants to search with, and a name.
struct LineFunction: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let c1: Double, c2: Double
    let phi: @Sendable (Double) -> (value: Double, slope: Double)
}

@Suite("Strong Wolfe line search")
struct StrongWolfeLineSearchTests {
    // Functions 1 and 2 of Moré & Thuente (1994), "Line search algorithms with guaranteed
    // sufficient decrease", Table 1 and 2 settings, and Rosenbrock along steepest descent.
    static let functions: [LineFunction] = [
        LineFunction(testDescription: "−α/(α² + 2), c₁ = 0.001, c₂ = 0.1", c1: 0.001, c2: 0.1) { a in
            (-a / (a * a + 2), (a * a - 2) / ((a * a + 2) * (a * a + 2)))
        },
        LineFunction(testDescription: "(α + 0.004)⁵ − 2(α + 0.004)⁴, c₁ = c₂ = 0.1 (c₁ = 0.05)", c1: 0.05, c2: 0.1) { a in
            let b = a + 0.004
            return (pow(b, 5) - 2 * pow(b, 4), 5 * pow(b, 4) - 8 * pow(b, 3))
        },
        LineFunction(testDescription: "Rosenbrock from (−1.2, 1) along −∇f, c₁ = 10⁻⁴, c₂ = 0.9", c1: 1e-4, c2: 0.9) { a in
            // ∇f(−1.2, 1) = (−215.6, −88): d = (215.6, 88).
            let (dx, dy) = (215.6, 88.0)
            let (x, y) = (-1.2 + a * dx, 1 + a * dy)
            let (gx, gy) = (-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x))
            return (100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x), gx * dx + gy * dy)
        },
    ]

    @Test("The accepted step satisfies both strong Wolfe conditions, from small and large first steps",
          arguments: functions, [1e-3, 1e-1, 1e1, 1e3])
    func acceptedStepsAreStrongWolfe(function: LineFunction, initialStep: Double) throws {
        let (value, slope) = function.phi(0)
        let search = StrongWolfeLineSearch(sufficientDecrease: function.c1, curvature: function.c2)
        let outcome = search.search(value: value, slope: slope, initialStep: initialStep, evaluate: function.phi)
        guard case .accepted(let point, let evaluations) = outcome else {
            Issue.record("no step accepted: \(outcome)")
            return
        }
        // The conditions, checked on a fresh evaluation of φ rather than on the search's numbers.
        let (acceptedValue, acceptedSlope) = function.phi(point.step)
        #expect(point.step > 0)
        #expect(acceptedValue <= value + function.c1 * point.step * slope, "sufficient decrease fails at α = \(point.step)")
        #expect(abs(acceptedSlope) <= function.c2 * abs(slope), "curvature fails at α = \(point.step)")
        #expect(evaluations <= 25)
    }

    @Test("A step already satisfying the conditions is accepted after one evaluation")
    func firstStepAccepted() {
        // φ(α) = (α − 1)²: φ(1) = 0, φ′(1) = 0.
        let outcome = StrongWolfeLineSearch().search(value: 1, slope: -2, initialStep: 1) { a in ((a - 1) * (a - 1), 2 * (a - 1)) }
        guard case .accepted(let point, let evaluations) = outcome else { Issue.record("\(outcome)"); return }
        #expect(point.step == 1 && point.value == 0 && point.slope == 0 && evaluations == 1)
    }

    @Test("On a quadratic the cubic interpolation lands on the exact minimiser")
    func quadraticInterpolationIsExact() {
        // φ(α) = (α − 0.3)², minimum at 0.3; the first trial α = 1 has φ′ > 0, so the zoom's cubic
        // through (0, 0.09, −0.6) and (1, 0.49, 1.4) is the parabola itself.
        let outcome = StrongWolfeLineSearch(sufficientDecrease: 1e-7, curvature: 1e-6).search(value: 0.09, slope: -0.6, initialStep: 1) { a in
            ((a - 0.3) * (a - 0.3), 2 * (a - 0.3))
        }
        guard case .accepted(let point, let evaluations) = outcome else { Issue.record("\(outcome)"); return }
        #expect(abs(point.step - 0.3) <= 1e-15 && evaluations == 2)
    }

    @Test("A function that is NaN for every step fails, saying so")
    func nanEverywhere() {
        let outcome = StrongWolfeLineSearch(maxEvaluations: 10).search(value: 0, slope: -1, initialStep: 1) { _ in (.nan, .nan) }
        #expect(outcome == .failed(.nonFiniteValues, evaluations: 10))
    }

    @Test("A gradient that disagrees with the function fails instead of accepting a step")
    func inconsistentGradient() {
        // φ(α) = α increases, but the slope claims −1 everywhere: no point satisfies sufficient decrease.
        let outcome = StrongWolfeLineSearch().search(value: 0, slope: -1, initialStep: 1) { a in (a, -1) }
        guard case .failed = outcome else { Issue.record("accepted \(outcome)"); return }
    }

    @Test("A direction that is not a descent direction traps")
    func ascentTraps() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = StrongWolfeLineSearch().search(value: 0, slope: 1, initialStep: 1) { a in (a, 1) }
        }
        #expect(standardError(of: result).contains("StrongWolfeLineSearch.search: needs a finite value and a negative slope (a descent direction), got 0.0 and 1.0"))
    }
}
