import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

/// silu and logSigmoid: values and derivatives against PyTorch, finite at ±1000 and accurate
/// where σ(x) is near 1, rules to second order in float64 and float32, and the `.silu` layer.
@Suite("silu and logSigmoid")
struct SiluLogSigmoidTests {
    /// Ordinary arguments, 0, and arguments where exp overflows or σ rounds to 1.
    static let x: [Double] = [0.3, -1.2, 2.5, 0, 40, -40, 1000, -1000]

    @Test("silu and its derivative match PyTorch, finite at ±1000", arguments: DType.allCases)
    func siluValues(dtype: DType) {
        let x = Tensor(Self.x).converted(to: dtype)
        let tolerance = dtype == .float32 ? 1e-6 : 1e-14
        // PyTorch 2.13.0 (float64): F.silu(s) and the gradient of its sum.
        expectClose(silu(x).scalars, [
            0.1723327550434977, -0.2777702598011788, 2.3103545499468914, 0, 40, -1.6993417021166355e-16, 1000, -0.0,
        ], tolerance: tolerance)
        expectClose(gradient(at: x) { silu($0).sum() }.scalars, [
            0.6477800103188829, 0.01800188772481552, 1.0994011113415267, 0.5, 1, -1.6568581595637197e-16, 1, 0,
        ], tolerance: tolerance)
    }

    @Test("logSigmoid and its derivative match PyTorch, finite at ±1000 and exact near 0", arguments: DType.allCases)
    func logSigmoidValues(dtype: DType) {
        let x = Tensor(Self.x).converted(to: dtype)
        let tolerance = dtype == .float32 ? 1e-6 : 1e-14
        // PyTorch 2.13.0 (float64): F.logsigmoid(s) and the gradient of its sum.
        let expectedValue = [
            -0.5543552444685271, -1.4632824673380311, -0.07888973429254963, -0.6931471805599453,
            -4.248354255291589e-18, -40, 0, -1000,
        ]
        let expectedGradient = [0.425557483188341, 0.7685247834990176, 0.07585818002124356, 0.5, 4.248354255291589e-18, 1, 0, 1]
        expectClose(logSigmoid(x).scalars, expectedValue, tolerance: tolerance)
        expectClose(gradient(at: x) { logSigmoid($0).sum() }.scalars, expectedGradient, tolerance: tolerance)
        // Relative accuracy where σ(40) rounds to 1 and log σ(40) to a tiny negative number.
        #expect(abs(logSigmoid(x).scalars[4] / expectedValue[4] - 1) < (dtype == .float32 ? 1e-6 : 1e-14))
    }

    static let cases: [DifferentiableCase] = [
        .init("silu", [Tensor.randomNormal([2, 3], seed: 31) * 3]) { silu($0[0]) },
        .init("logSigmoid", [Tensor.randomNormal([2, 3], seed: 32) * 3]) { logSigmoid($0[0]) },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let report = checkGradients(at: testCase.inputs().map { $0.converted(to: dtype) }, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("the silu layer applies silu")
    func siluLayer() {
        let x = Tensor([-1.0, 0.5])
        #expect(Activation.silu.name == "silu")
        #expect(Activation.silu(x).scalars == silu(x).scalars)
    }
}
