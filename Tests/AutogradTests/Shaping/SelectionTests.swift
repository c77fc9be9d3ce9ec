import AutogradTestSupport
import Testing
import Autograd

/// where, clamped, minimum, maximum, log1p and expm1: values and gradients against PyTorch and
/// NumPy (boundaries, ties, NaN, tiny arguments), and every rule to second order against
/// central differences, in float64 and float32.
@Suite("Selection and logarithmic elementwise ops")
struct SelectionTests {
    /// The tolerance of a comparison with float64 reference values.
    static func tolerance(_ dtype: DType) -> Double { dtype == .float32 ? 1e-6 : 1e-12 }

    static let weight: [[Double]] = [[1, 2, 3], [4, 5, 6]]

    @Test("where broadcasts its three operands and routes each cotangent to the chosen one", arguments: DType.allCases)
    func whereValues(dtype: DType) {
        let condition = Tensor([[1.0], [0]])
        let a = Tensor([0.5, -1, 2.0]).converted(to: dtype), b = Tensor([[3.0, 4, 5], [6, 7, 8]]).converted(to: dtype)
        // PyTorch 2.13.0: torch.where(c.bool(), a, b), c = [[1.], [0.]], and the gradients of
        // (y * [[1, 2, 3], [4, 5, 6]]).sum().
        let y = Tensor.where(condition, a, b)
        #expect(y.shape == [2, 3] && y.dtype == dtype)
        #expect(y.scalars == [0.5, -1, 2, 6, 7, 8])
        let weight = Tensor(Self.weight).converted(to: dtype)
        let (gradientA, gradientB) = gradient(at: a, b) { (Tensor.where(condition, $0, $1) * weight).sum() }
        #expect(gradientA.scalars == [1, 2, 3])
        #expect(gradientB.scalars == [0, 0, 0, 4, 5, 6])
        // A comparison's result is a condition; the unchosen branch's NaN does not show in the
        // value. As in PyTorch (2.13.0, the same expression), it still reaches the gradient
        // through sqrt's own rule (0/(2·NaN)): where selects, it does not mend the branches.
        let x = Tensor([-1.0, 4]).converted(to: dtype)
        let (value, g) = valueWithGradient(at: x) { x in Tensor.where(x .> 0, sqrt(x), x * 0).sum() }
        #expect(value.scalar == 2)
        #expect(g.scalars[0].isNaN && g.scalars[1] == 0.25)
    }

    @Test("where promotes mixed operands to float64")
    func wherePromotes() {
        let y = Tensor.where(Tensor([1.0, 0]).converted(to: .float32), Tensor([1.0, 2]).converted(to: .float32), Tensor([3.0, 4]))
        #expect(y.dtype == .float64 && y.scalars == [1, 4])
    }

    @Test("clamped matches torch.clamp: derivative 1 on the boundary, NaN kept", arguments: DType.allCases)
    func clampValues(dtype: DType) {
        let x = Tensor([-2.0, -1, 0.5, 2, 3, .nan]).converted(to: dtype)
        // PyTorch 2.13.0: torch.clamp(x, -1, 2) and the gradient of its sum.
        let value = x.clamped(to: -1...2)
        #expect(value.scalars.prefix(5) == [-1, -1, 0.5, 2, 2] && value.scalars[5].isNaN)
        #expect(gradient(at: x) { $0.clamped(to: -1...2).sum() }.scalars == [0, 1, 1, 1, 0, 0])
        // torch.clamp(x, min=0.5): one bound.
        let lower = x.clamped(min: 0.5)
        #expect(lower.scalars.prefix(5) == [0.5, 0.5, 0.5, 2, 3] && lower.scalars[5].isNaN)
        #expect(gradient(at: x) { $0.clamped(min: 0.5).sum() }.scalars == [0, 0, 1, 1, 1, 0])
        #expect(x.clamped(max: 0).scalars.prefix(5) == [-2, -1, 0, 0, 0])
    }

    @Test("maximum and minimum match PyTorch, ties sharing the gradient half and half", arguments: DType.allCases)
    func extremumValues(dtype: DType) {
        let a = Tensor([[1.0, 2, 3], [4, -1, 0]]).converted(to: dtype), b = Tensor([2.0, 2, -3]).converted(to: dtype)
        let weight = Tensor(Self.weight).converted(to: dtype)
        // PyTorch 2.13.0: torch.maximum(a, b), torch.minimum(a, b), and the gradients of (y * w).sum().
        #expect(maximum(a, b).scalars == [2, 2, 3, 4, 2, 0])
        #expect(minimum(a, b).scalars == [1, 2, -3, 2, -1, -3])
        let (maxA, maxB) = gradient(at: a, b) { (maximum($0, $1) * weight).sum() }
        #expect(maxA.scalars == [0, 1, 3, 4, 0, 6] && maxB.scalars == [1, 6, 0])
        let (minA, minB) = gradient(at: a, b) { (minimum($0, $1) * weight).sum() }
        #expect(minA.scalars == [1, 1, 0, 0, 5, 0] && minB.scalars == [4, 1, 9])
        // NaN wins, as torch.maximum.
        #expect(maximum(Tensor([Double.nan, 1]), Tensor([0.0, .nan])).scalars.allSatisfy { $0.isNaN })
        // A tie's half goes through the forward mode too: d/dt max(t, t) = ½ + ½.
        #expect(jvp(at: a, tangent: Tensor.ones(a.shape, dtype: dtype)) { maximum($0, $0) }.tangent.scalars == [1, 1, 1, 1, 1, 1])
    }

    @Test("log1p and expm1 keep the digits of tiny arguments (NumPy)", arguments: DType.allCases)
    func logarithmicValues(dtype: DType) {
        let x = Tensor([1e-10, -1e-20, -0.5, 3, 0]).converted(to: dtype)
        // NumPy 2.4.6: np.log1p(v), np.expm1(v), and the same of v.astype(np.float32).
        let expected: (log1p: [Double], expm1: [Double]) = dtype == .float64
            ? ([9.999999999500001e-11, -1e-20, -0.6931471805599453, 1.3862943611198906, 0],
               [1.00000000005e-10, -1e-20, -0.3934693402873666, 19.085536923187668, 0])
            : ([1.000000013351432e-10, -9.999999682655225e-21, -0.6931471824645996, 1.3862943649291992, 0],
               [1.000000013351432e-10, -9.999999682655225e-21, -0.39346933364868164, 19.08553695678711, 0])
        expectClose(log1p(x).scalars, expected.log1p, tolerance: 1e-15)
        expectClose(expm1(x).scalars, expected.expm1, tolerance: 1e-15)
        // Relative accuracy at the tiny arguments, where log(1 + x) would give 0.
        #expect(abs(log1p(x).scalars[1] / expected.log1p[1] - 1) < 1e-15)
        // By hand: d/dx log(1 + x) = 1/(1 + x), d/dx (eˣ − 1) = eˣ, at x = 1 and 0.
        #expect(gradient(at: Tensor([1.0, 0]).converted(to: dtype)) { log1p($0).sum() }.scalars == [0.5, 1])
        #expect(gradient(at: Tensor([0.0]).converted(to: dtype)) { expm1($0).sum() }.scalars == [1])
    }

    static var mask: Tensor { Tensor([[1.0, 0, 1], [0, 0, 1]]) }

    /// The ops inside nonlinear functions, so that second derivatives are not zero.
    static let cases: [DifferentiableCase] = [
        .init("where, broadcast", [sample([3], seed: 11), sample([2, 3], seed: 12)]) { x in
            Tensor.where(mask, x[0] * x[0], sin(x[1]))
        },
        .init("where, scalar branch", [sample([2, 3], seed: 13), sample([], seed: 14)]) { x in
            Tensor.where(x[0] .> 0, exp(x[0]), x[1] * x[1])
        },
        .init("clamped", [sample([2, 3], seed: 15)]) { x in x[0] * x[0].clamped(min: -0.5, max: 0.5) },
        .init("clamped, one bound", [sample([2, 3], seed: 16)]) { x in sin(x[0].clamped(min: 0)) },
        .init("maximum, broadcast", [sample([2, 3], seed: 17), sample([3], seed: 18)]) { x in maximum(x[0], x[1]) * x[0] },
        .init("minimum, broadcast", [sample([2, 1], seed: 19), sample([2, 3], seed: 20)]) { x in sin(minimum(x[0], x[1])) },
        .init("log1p", [sample([2, 3], seed: 21, positive: true)]) { x in log1p(x[0] * x[0]) },
        .init("expm1", [sample([2, 3], seed: 22)]) { x in expm1(sin(x[0])) },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }
}
