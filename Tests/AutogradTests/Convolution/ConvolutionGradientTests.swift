import AutogradTestSupport
import Testing
import Autograd

/// `conv2d` and `conv1d` rules (im2col, col2im, the products and the bias) against central
/// differences to second order, in the input, the weight and the bias together, in float64
/// and float32.
@Suite("Convolution gradients")
struct ConvolutionGradientTests {
    static let cases: [DifferentiableCase] = [
        DifferentiableCase("stride 2, padding 1, bias", [sample([2, 2, 4, 5], seed: 1), sample([3, 2, 3, 3], seed: 2), sample([3], seed: 3)]) {
            conv2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1)
        },
        DifferentiableCase("dilation 2, stride (1, 2), padding (1, 2)", [sample([1, 2, 5, 6], seed: 4), sample([2, 2, 2, 3], seed: 5)]) {
            conv2d($0[0], weight: $0[1], stride: (1, 2), padding: (1, 2), dilation: (2, 2))
        },
        DifferentiableCase("two groups, bias", [sample([2, 4, 3, 3], seed: 6), sample([4, 2, 2, 2], seed: 7), sample([4], seed: 8)]) {
            conv2d($0[0], weight: $0[1], bias: $0[2], groups: 2)
        },
        DifferentiableCase("a 1×1 kernel", [sample([2, 3, 2, 2], seed: 9), sample([2, 3, 1, 1], seed: 10)]) {
            conv2d($0[0], weight: $0[1])
        },
        DifferentiableCase("squared, so the second order is not zero", [sample([1, 2, 4, 4], seed: 11), sample([2, 2, 3, 3], seed: 12), sample([2], seed: 13)]) {
            let y = conv2d($0[0], weight: $0[1], bias: $0[2], padding: 1)
            return y * y
        },
        DifferentiableCase("conv1d, stride 2, padding 1, dilation 2, bias", [sample([2, 2, 7], seed: 14), sample([3, 2, 3], seed: 15), sample([3], seed: 16)]) {
            let y = conv1d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1, dilation: 2)
            return y * y
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases, DType.allCases)
    func gradientCheck(_ testCase: DifferentiableCase, dtype: DType) {
        let inputs = testCase.inputs().map { $0.converted(to: dtype) }
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("the bias gradient of Σ y is the count of output positions per filter")
    func biasGradient() {
        // y is [2, 3, 2, 3]: each filter's bias appears 2·2·3 = 12 times in Σ y.
        let bias = Tensor.zeros([3])
        let g = gradient(at: bias) { conv2d(sample([2, 2, 4, 5], seed: 1), weight: sample([3, 2, 3, 3], seed: 2), bias: $0, stride: 2, padding: 1).sum() }
        #expect(g.scalars == [12, 12, 12])
    }
}
