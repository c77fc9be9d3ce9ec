import AutogradTestSupport
import Testing
import Autograd

/// `maxPool2d`, `avgPool2d` and `adaptiveAvgPool2d`: values against PyTorch with stride,
/// padding and dilation, the max-pooling gradient against PyTorch and its tie rule by hand,
/// rules to second order, in float64 and float32.
@Suite("Pooling")
struct PoolingTests {
    /// A [1, 2, 5, 6] input without ties: xᵢ = (7i mod 11) − 5 + 0.01·i. PyTorch builds it as
    /// `torch.tensor([((i*7) % 11) - 5 + 0.01*i for i in range(60)], dtype=torch.float64).reshape(1, 2, 5, 6)`.
    static func input(_ dtype: DType) -> Tensor {
        let values = (0..<60).map { (i: Int) -> Double in Double((i * 7) % 11 - 5) + 0.01 * Double(i) }
        return Tensor(shape: [1, 2, 5, 6], scalars: values).converted(to: dtype)
    }

    /// A pooling op applied to the input, its expected shape and PyTorch 2.13.0's values
    /// (`[float(v) for v in F.<op>(x, ...).flatten()]`, the call in the name).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let pool: @Sendable (Tensor) -> Tensor
        let shape: [Int]
        let expected: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "max_pool2d(x, 2)", pool: { maxPool2d($0, kernelSize: 2) }, shape: [1, 2, 2, 3],
             expected: [4.06, 5.03, 1.04, 2.12, 5.14, 4.17, 5.36, 4.39, 2.34, 3.42, 4.5, 5.47]),
        Case(name: "max_pool2d(x, 3, stride=2, padding=1)", pool: { maxPool2d($0, kernelSize: 3, stride: 2, padding: 1) },
             shape: [1, 2, 3, 3],
             expected: [4.06, 5.03, 5.03, 4.06, 5.14, 4.17, 5.25, 5.25, 4.28, 5.36, 4.39, 4.39, 5.36, 4.5, 5.47, 1.48, 4.5, 5.58]),
        Case(name: "max_pool2d(x, (2, 3), stride=(1, 2), padding=(1, 1), dilation=(2, 1))",
             pool: { maxPool2d($0, kernelSize: (2, 3), stride: (1, 2), padding: (1, 1), dilation: (2, 1)) }, shape: [1, 2, 5, 3],
             expected: [4.06, 3.09, 3.09, 2.12, 5.14, 5.03, 4.06, 3.2, 3.09, 5.25, 5.25, 4.28, 0.18, 3.2, 2.23, 5.36, 4.39, 4.39,
                        3.42, 3.31, 5.47, 5.36, 4.5, 4.39, 3.42, 2.56, 5.58, 1.48, 4.5, 3.5300000000000002]),
        Case(name: "avg_pool2d(x, 2)", pool: { avgPool2d($0, kernelSize: 2) }, shape: [1, 2, 2, 3],
             expected: [0.28499999999999986, 0.555, -1.9249999999999998, -0.845, 2.175, -0.30500000000000005,
                        1.5850000000000002, -0.895, -0.625, 0.45500000000000007, 0.7250000000000001, 0.995]),
        Case(name: "avg_pool2d(x, 3, stride=2, padding=1)", pool: { avgPool2d($0, kernelSize: 3, stride: 2, padding: 1) },
             shape: [1, 2, 3, 3],
             expected: [0.1266666666666666, 0.47777777777777786, 0.04666666666666666, 0.08333333333333329, 0.25111111111111106,
                        -0.39555555555555555, -0.01555555555555552, 0.2644444444444445, -0.16666666666666666, 0.7044444444444445,
                        0.12222222222222218, -0.30888888888888894, 0.9500000000000001, 0.3288888888888889, 0.9044444444444445,
                        -0.6599999999999999, -0.09111111111111111, 0.7000000000000001]),
        Case(name: "avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)",
             pool: { avgPool2d($0, kernelSize: 3, stride: 2, padding: 1, countIncludePad: false) }, shape: [1, 2, 3, 3],
             expected: [0.28499999999999986, 0.7166666666666668, 0.06999999999999999, 0.12499999999999993, 0.25111111111111106,
                        -0.39555555555555555, -0.03499999999999992, 0.3966666666666667, -0.25, 1.5850000000000002,
                        0.18333333333333326, -0.4633333333333334, 1.425, 0.3288888888888889, 0.9044444444444445,
                        -1.4849999999999999, -0.1366666666666667, 1.05]),
        Case(name: "avg_pool2d(x, (2, 3), stride=(1, 2), padding=(1, 0))",
             pool: { avgPool2d($0, kernelSize: (2, 3), stride: (1, 2), padding: (1, 0)) }, shape: [1, 2, 6, 2],
             expected: [-0.8283333333333335, 0.6816666666666666, -0.7933333333333334, 0.3933333333333333, 0.9333333333333332,
                        0.2866666666666666, 0.8266666666666665, 0.17999999999999985, 0.7200000000000001, 0.0733333333333334,
                        0.7916666666666666, 0.46833333333333343, -0.17833333333333334, -0.5016666666666666, 0.5066666666666667,
                        -0.14000000000000004, 0.4000000000000001, -0.24666666666666667, 0.2933333333333334, -0.3533333333333332,
                        0.18666666666666668, 1.3733333333333333, -0.39166666666666666, 1.1183333333333334]),
        Case(name: "adaptive_avg_pool2d(x, (2, 4))", pool: { adaptiveAvgPool2d($0, outputSize: (2, 4)) }, shape: [1, 2, 2, 4],
             expected: [0.2316666666666666, -0.09166666666666679, 1.095, -1.0616666666666665, 0.018333333333333385,
                        1.5283333333333333, -0.9516666666666667, 0.5583333333333333, 1.531666666666667, -0.625,
                        0.5616666666666666, 0.23833333333333329, -0.515, -0.8383333333333333, 0.34833333333333344,
                        1.8583333333333334]),
        Case(name: "adaptive_avg_pool2d(x, 3)", pool: { adaptiveAvgPool2d($0, outputSize: 3) }, shape: [1, 2, 3, 3],
             expected: [0.28499999999999986, 0.555, -1.9249999999999998, 0.12499999999999993, 1.3116666666666668,
                        -1.168333333333333, -0.03499999999999992, 0.235, 0.505, 1.5850000000000002, -0.895, -0.625, 1.425,
                        0.7783333333333333, 0.1316666666666666, -1.4849999999999999, 1.5350000000000001, 1.8050000000000002]),
    ]

    @Test("values match PyTorch", arguments: cases, DType.allCases)
    func values(testCase: Case, dtype: DType) {
        let y = testCase.pool(Self.input(dtype))
        #expect(y.shape == testCase.shape && y.dtype == dtype)
        expectClose(y.scalars, testCase.expected, tolerance: dtype == .float32 ? 1e-6 : 1e-14)
        // A [C, H, W] input is pooled as a batch of one.
        let unbatched = testCase.pool(Self.input(dtype).reshaped(to: [2, 5, 6]))
        #expect(unbatched.shape == Array(testCase.shape.dropFirst()) && unbatched.scalars == y.scalars)
    }

    @Test("adaptive pooling to a larger output repeats and averages as PyTorch does")
    func adaptiveUpsampling() {
        // PyTorch 2.13.0: F.adaptive_avg_pool2d(x, (7, 8))[0, 0, :2].flatten().
        let y = adaptiveAvgPool2d(Self.input(.float64), outputSize: (7, 8))
        #expect(y.shape == [1, 2, 7, 8])
        expectClose(Array(y.scalars[0..<16]), [
            -5.0, -1.495, 0.014999999999999902, -1.98, 5.03, 3.035, -0.9550000000000001, -2.95,
            -0.4700000000000002, 0.28499999999999986, -0.9550000000000001, -2.95, 4.0600000000000005, 2.065,
            -1.9249999999999998, -3.92,
        ], tolerance: 1e-14)
    }

    @Test("the max-pooling gradient with overlapping, padded windows is PyTorch's", arguments: DType.allCases)
    func maxPoolGradient(dtype: DType) {
        let weight = Tensor(shape: [1, 2, 3, 3], scalars: (0..<18).map { (i: Int) -> Double in 0.1 * Double(i) - 1 }).converted(to: dtype)
        let g = gradient(at: Self.input(dtype)) { (maxPool2d($0, kernelSize: 3, stride: 2, padding: 1) * weight).sum() }
        // PyTorch 2.13.0: (F.max_pool2d(xr, 3, stride=2, padding=1) * w).sum().backward(); xr.grad.
        var expected = [Double](repeating: 0, count: 60)
        for (index, value) in [(3, -1.7), (6, -1.7), (14, -0.6), (17, -0.5), (25, -0.7), (28, -0.2), (36, 0.1), (39, 0.1),
                               (47, 0.4), (48, 0.5), (50, 0.9), (58, 0.7)] { expected[index] = value }
        #expect(g.dtype == dtype)
        expectClose(g.scalars, expected, tolerance: dtype == .float32 ? 1e-6 : 1e-14)
    }

    @Test("tied maxima share the derivative equally (PyTorch gives it all to the first)")
    func maxPoolTies() {
        // By hand: a 2×2 window of equal values; each of the 4 maximal taps gets 1/4.
        let g = gradient(at: Tensor.ones([1, 1, 2, 2])) { maxPool2d($0, kernelSize: 2).sum() }
        #expect(g.scalars == [0.25, 0.25, 0.25, 0.25])
        // A NaN in a window wins, as in PyTorch.
        let y = maxPool2d(Tensor(shape: [1, 1, 2, 2], scalars: [1, .nan, 3, 2]), kernelSize: 2)
        #expect(y.scalars[0].isNaN)
    }

    static let differentiableCases: [DifferentiableCase] = [
        DifferentiableCase("maxPool2d 3, stride 2, padding 1", [sample([2, 2, 5, 6], seed: 1)]) {
            maxPool2d($0[0], kernelSize: 3, stride: 2, padding: 1)
        },
        DifferentiableCase("maxPool2d (2, 3), dilation (2, 1)", [sample([1, 2, 5, 6], seed: 2)]) {
            maxPool2d($0[0], kernelSize: (2, 3), stride: (1, 2), padding: (1, 1), dilation: (2, 1))
        },
        DifferentiableCase("avgPool2d 3, stride 2, padding 1", [sample([2, 2, 5, 6], seed: 3)]) {
            avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1)
        },
        DifferentiableCase("avgPool2d without the padding in the count", [sample([2, 5, 6], seed: 4)]) {
            avgPool2d($0[0], kernelSize: (2, 3), stride: (1, 2), padding: (1, 1), countIncludePad: false)
        },
        DifferentiableCase("adaptiveAvgPool2d (2, 4)", [sample([2, 2, 5, 6], seed: 5)]) {
            adaptiveAvgPool2d($0[0], outputSize: (2, 4))
        },
        DifferentiableCase("maxPool2d of a square, second order through both", [sample([1, 1, 4, 4], seed: 6)]) {
            maxPool2d($0[0] * $0[0], kernelSize: 2) * avgPool2d($0[0], kernelSize: 2)
        },
    ]

    @Test("rules pass the gradient check to second order", arguments: differentiableCases, DType.allCases)
    func gradientCheck(testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }
}
