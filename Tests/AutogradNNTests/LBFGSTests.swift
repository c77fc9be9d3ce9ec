import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// Rosenbrock's function 100(y − x²)² + (1 − x)², minimum 0 at (1, 1).
private func rosenbrock(_ x: Tensor, _ y: Tensor) -> Tensor {
    (100 * square(y - x * x) + square(1 - x)).sum()
}


@Suite("L-BFGS")
struct LBFGSTests {
    @Test("A 4-dimensional quadratic is minimised in at most n + 1 = 5 iterations, to 1e-10")
    func quadratic() throws {
        // A symmetric positive-definite A and b; ½xᵀAx − bᵀx is minimal at x* = A⁻¹b = [15, 19, 86, 46]/79
        // (by hand: 4·15 + 19 = 79, 15 + 3·19 + 86 = 158, 19 + 2·86 + 46 = 237, 86 + 5·46 = 316;
        // NumPy 2.4.6 `np.linalg.solve` agrees).
        let quadraticMatrix = Tensor([[4.0, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 5]])
        let quadraticRight = Tensor([1.0, 2, 3, 4])
        let x = Tensor.zeros([4])
        // A near-exact line search (small c₂): with it L-BFGS ends in n steps on a quadratic (as CG).
        let optimizer = LBFGS(gradientTolerance: 1e-12, lossChangeTolerance: 0,
                              lineSearch: StrongWolfeLineSearch(curvature: 1e-3))
        let result = try optimizer.minimize([x]) {
            0.5 * (x * matmul(quadraticMatrix, x.reshaped(to: [4, 1])).reshaped(to: [4])).sum() - (quadraticRight * x).sum()
        }
        #expect(result.iterations <= 5, "\(result)")
        #expect(result.converged)
        let expected = [15.0, 19, 86, 46].map { $0 / 79 }
        #expect(zip(x.scalars, expected).allSatisfy { abs($0 - $1) <= 1e-10 }, "stopped at \(x.scalars)")
    }

    @Test("Rosenbrock from (−1.2, 1) reaches (1, 1) within 1e-6 in as many iterations as SciPy")
    func rosenbrockFromClassicStart() throws {
        let (x, y) = (Tensor([-1.2]), Tensor([1.0]))
        let result = try LBFGS(gradientTolerance: 1e-10, lossChangeTolerance: 0).minimize([x, y]) { rosenbrock(x, y) }
        #expect(result.stopReason == .gradientBelowTolerance, "\(result)")
        #expect(abs(x.scalar - 1) <= 1e-6 && abs(y.scalar - 1) <= 1e-6, "stopped at (\(x.scalar), \(y.scalar))")
        // SciPy 1.17.1: minimize(rosen, [-1.2, 1], jac=rosen_der, method="L-BFGS-B",
        // options=dict(gtol=1e-10, ftol=0)) takes nit = 39 iterations (nfev = 47); with its
        // defaults, 36 iterations (stopping on ftol at 2e-6 from (1, 1)). This one took 38 iterations
        // and 47 evaluations when written.
        #expect(result.iterations <= 50, "\(result)")
        #expect(result.evaluations <= 70, "\(result)")
    }

    @Test("float32 parameters stay float32 and reach Rosenbrock's minimum to float32 precision")
    func float32Parameters() throws {
        let (x, y) = (Tensor([Float(-1.2)]), Tensor([Float(1)]))
        let result = try LBFGS(gradientTolerance: 1e-4).minimize([x, y]) { rosenbrock(x, y) }
        #expect(x.dtype == .float32 && y.dtype == .float32)
        #expect(abs(x.scalar - 1) <= 1e-3 && abs(y.scalar - 1) <= 2e-3, "\(result) at (\(x.scalar), \(y.scalar))")
        #expect(result.loss <= 1e-6, "\(result)")
    }

    @Test("A NaN loss at the start throws and leaves the parameters alone")
    func nonFiniteStart() {
        let x = Tensor([-1.0, 2])
        #expect {
            try LBFGS().minimize([x]) { log(x).sum() }
        } throws: { error in
            guard case OptimizationError.nonFiniteStart(let loss) = error else { return false }
            return loss.isNaN
        }
        #expect(x.scalars == [-1, 2])
    }

    @Test("Trials that give NaN are shortened, and the minimum before the NaN region is found")
    func nanRegionIsAvoided() throws {
        // f(x) = −log(1 − x) − 3x: f′ = 1/(1 − x) − 3 = 0 at x = 2/3; NaN for x > 1. From x = 0.25,
        // f′ = −5/3 and the first trial, a unit-length step, is x = 1.25.
        let x = Tensor([0.25])
        var nanTrials = 0
        let result = try LBFGS(gradientTolerance: 1e-9).minimize([x]) {
            let value = (-log(1 - x) - 3 * x).sum()
            if value.scalar.isNaN { nanTrials += 1 }
            return value
        }
        #expect(nanTrials >= 1)
        #expect(result.converged, "\(result)")
        #expect(abs(x.scalar - 2.0 / 3) <= 1e-9, "stopped at \(x.scalar)")
    }

    @Test("A loss that is NaN at every step along the direction stops with a line-search failure, not success")
    func nanEverywhereElse() throws {
        // f(x) = x for x = 0 exactly (the start), NaN for any other x: no step is finite.
        let x = Tensor([0.0])
        let result = try LBFGS().minimize([x]) { x.scalar == 0 ? x.sum() : x.sum() * Double.nan }
        #expect(result.stopReason == .lineSearchFailed(.nonFiniteValues), "\(result)")
        #expect(!result.converged)
        #expect(x.scalar == 0, "the parameters go back to the last accepted point")
        #expect(result.loss == 0 && result.iterations == 0)
    }

    @Test("A finite gradient whose square overflows (1e160 scale) is followed, not trapped on")
    func hugeGradient() throws {
        // f(x) = 1e160·Σ log(1 + xᵢ²): minimum 0 at x = 0; the gradient at [1, 2] is about 1e160,
        // so gᵀg overflows to ∞ (it trapped in the line search before).
        let x = Tensor([1.0, 2.0])
        let result = try LBFGS().minimize([x]) { 1e160 * log(1 + x * x).sum() }
        #expect(result.iterations > 0, "\(result)")
        #expect(x.scalars.allSatisfy { $0.isFinite && abs($0) < 1 }, "\(x.scalars)")
    }

    @Test("Errors the loss throws are rethrown with the parameters back at the last accepted point")
    func lossErrorsAreRethrown() {
        struct Refused: Error {}
        let x = Tensor([1.0])
        #expect(throws: Refused.self) {
            try LBFGS().minimize([x]) {
                if x.scalar != 1 { throw Refused() }
                return square(x).sum()
            }
        }
        #expect(x.scalar == 1)
    }

    @Test("An iteration limit stops without claiming convergence")
    func iterationLimit() throws {
        let (x, y) = (Tensor([-1.2]), Tensor([1.0]))
        let result = try LBFGS(maxIterations: 3).minimize([x, y]) { rosenbrock(x, y) }
        #expect(result.stopReason == .iterationLimit && result.iterations == 3 && !result.converged)
    }

    @Test("Bad configurations trap with a message naming the value")
    func badConfigurations() async {
        var result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { _ = LBFGS(historySize: 0) }
        #expect(standardError(of: result).contains("LBFGS: historySize must be at least 1, got 0"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { _ = LBFGS(gradientTolerance: .nan) }
        #expect(standardError(of: result).contains("LBFGS: gradientTolerance (nan) and lossChangeTolerance"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { _ = LBFGS(maxIterations: 0) }
        #expect(standardError(of: result).contains("LBFGS: maxIterations (0) and maxEvaluations"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = StrongWolfeLineSearch(sufficientDecrease: 0.9, curvature: 0.1)
        }
        #expect(standardError(of: result).contains("StrongWolfeLineSearch: needs 0 < sufficientDecrease < curvature < 1, got 0.9 and 0.1"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? LBFGS().minimize([]) { Tensor(0.0, dtype: .float64) }
        }
        #expect(standardError(of: result).contains("LBFGS.minimize: needs at least one parameter"))
    }
}
