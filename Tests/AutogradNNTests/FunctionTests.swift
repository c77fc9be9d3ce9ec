import Autograd
import AutogradNN
import AutogradTestSupport
import Testing

@Suite("Activations and losses")
struct FunctionTests {
    static let cases: [DifferentiableCase] = [
        .init("gelu", [Tensor.randomNormal([2, 3], seed: 1)]) { gelu($0[0]) },
        .init("gelu, tanh approximation", [Tensor.randomNormal([2, 3], seed: 2)]) { gelu($0[0], approximate: true) },
        .init("softplus", [Tensor.randomNormal([2, 3], seed: 3) * 3]) { softplus($0[0]) },
        .init("softmax", [Tensor.randomNormal([2, 4], seed: 4)]) { softmax($0[0]) },
        .init("logSoftmax along axis 0", [Tensor.randomNormal([3, 2], seed: 5)]) { logSoftmax($0[0], alongAxis: 0) },
        .init("meanSquaredError", [Tensor.randomNormal([4, 2], seed: 6), Tensor.randomNormal([4, 2], seed: 7)]) {
            meanSquaredError(predictions: $0[0], targets: $0[1])
        },
        .init("crossEntropy", [Tensor.randomNormal([3, 4], seed: 8)]) { crossEntropy(logits: $0[0], labels: [1, 3, 0]) },
        .init("binaryCrossEntropy", [Tensor.randomNormal([5], seed: 9) * 2]) {
            binaryCrossEntropy(logits: $0[0], targets: Tensor([1, 0, 1, 0.5, 0]))
        },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases)
    func gradientCheck(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    let x = Tensor([0.3, -1.2, 2.5, 0.7])

    @Test("gelu against Python's math.erf")
    func geluValues() {
        // x·Φ(x) with Φ(x) = ½(1 + math.erf(x/√2)); derivative Φ(x) + x·φ(x). Python 3, math module.
        let (value, derivative) = valueWithGradient(at: x) { gelu($0).sum() }
        expectClose(gelu(x).scalars, [0.18537342665668577, -0.13808360426605, 2.4844758366855597, 0.5306254434438489])
        expectClose(derivative.scalars, [0.7323277668271098, -0.11795359575814723, 1.037611085908145, 0.9766141011336599])
        expectClose([value.scalar], [0.18537342665668577 - 0.13808360426605 + 2.4844758366855597 + 0.5306254434438489])
        // ½x(1 + tanh(√(2/π)(x + 0.044715x³))), Python's math.tanh.
        expectClose(gelu(x, approximate: true).scalars,
                    [0.18537092354275922, -0.13829723086213508, 2.484915733910001, 0.5305701347051167])
    }

    @Test("softplus is finite and exact for huge inputs")
    func softplusValues() {
        // np.logaddexp(0, x), NumPy 2.4.6.
        expectClose(softplus(Tensor([0.3, -1.2, 2.5, 0.7, 800, -800])).scalars,
                    [0.8543552444685272, 0.26328246733803123, 2.5788897342925496, 1.103186048885458, 800, 0])
        // The derivative is sigmoid, exactly ½ at 0 (where relu-and-abs forms give 0 or 1).
        #expect(gradient(at: Tensor([0.0])) { softplus($0).sum() }.scalars == [0.5])
    }

    @Test("softmax and logSoftmax against NumPy")
    func softmaxValues() {
        let logits = Tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
        // z − np.logaddexp.reduce(z, axis=1, keepdims=True), NumPy 2.4.6.
        let expected = [-0.41703001627783376, -1.4170300162778338, -2.3170300162778337,
                        -2.220049523020538, -0.22004952302053793, -2.420049523020538]
        expectClose(logSoftmax(logits).scalars, expected)
        expectClose(softmax(logits).sum(alongAxes: 1).scalars, [1, 1])
        // By hand: equal huge logits give equal probabilities.
        #expect(softmax(Tensor([[1000.0, 1000]])).scalars == [0.5, 0.5])
    }

    @Test("cross-entropy against NumPy, finite for huge logits")
    func crossEntropyValues() {
        let logits = Tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
        // mean of −logSoftmax at the labels, and (softmax − onehot)/n, NumPy 2.4.6.
        let (loss, gradient) = valueWithGradient(at: logits) { crossEntropy(logits: $0, labels: [0, 2]) }
        expectClose([loss.scalar], [1.418539769649186])
        expectClose(gradient.scalars, [-0.17049943055701616, 0.12121648535235692, 0.049282945204659076,
                                       0.054301865153506185, 0.4012395278958246, -0.4555413930493309])
        // By hand: logits [1e4, 0] with label 1 lose exactly 1e4; the gradient is [1, −1].
        let (hugeLoss, hugeGradient) = valueWithGradient(at: Tensor([[1e4, 0]])) { crossEntropy(logits: $0, labels: [1]) }
        #expect(hugeLoss.scalar == 1e4)
        #expect(hugeGradient.scalars == [1, -1])
    }

    @Test("binary cross-entropy against NumPy")
    func binaryCrossEntropyValues() {
        // mean(np.logaddexp(0, z) − z·t) and (sigmoid(z) − t)/n, NumPy 2.4.6.
        let (loss, gradient) = valueWithGradient(at: Tensor([0.5, -1.5, 30, -30, 0])) {
            binaryCrossEntropy(logits: $0, targets: Tensor([1, 0, 1, 1, 0.5]))
        }
        expectClose([loss.scalar], [6.273727488544598])
        expectClose(gradient.scalars, [-0.07550813375962909, 0.03648510476127127, -1.8696155734687637e-14,
                                       -0.19999999999998128, 0.0], tolerance: 1e-15)
    }

    @Test("mean squared error by hand")
    func meanSquaredErrorValues() {
        // ((1−0)² + (2−4)²)/2 = 2.5; gradient 2(p − t)/n = [1, −2].
        let (loss, gradient) = valueWithGradient(at: Tensor([1.0, 2])) {
            meanSquaredError(predictions: $0, targets: Tensor([0.0, 4]))
        }
        #expect(loss.scalar == 2.5)
        #expect(gradient.scalars == [1, -2])
    }

    @Test("a label outside the classes traps, naming the loss and the shape")
    func badLabel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: [0, 3])
        }
        #expect(standardError(of: result).contains("crossEntropy: label 3 is not a class index for logits of shape [2, 3]"))
    }

    @Test("mean squared error of [3, 1] predictions against [3] targets traps instead of broadcasting to [3, 3]")
    func meanSquaredErrorShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = meanSquaredError(predictions: Tensor.zeros([3, 1]), targets: Tensor.zeros([3]))
        }
        #expect(standardError(of: result).contains("meanSquaredError: predictions of shape [3, 1] and targets of shape [3] differ"))
    }

    @Test("binary cross-entropy of [3, 1] logits against [3] targets traps")
    func binaryCrossEntropyShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = binaryCrossEntropy(logits: Tensor.zeros([3, 1]), targets: Tensor.zeros([3]))
        }
        #expect(standardError(of: result).contains("binaryCrossEntropy: logits of shape [3, 1] and targets of shape [3] differ"))
    }

    @Test("cross-entropy with fewer labels than rows of logits traps")
    func crossEntropyLabelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([3, 2]), labels: [0, 1])
        }
        #expect(standardError(of: result).contains("crossEntropy: logits of shape [3, 2] need [2, classes] for 2 labels"))
    }

    @Test("cross-entropy of a vector of logits traps")
    func crossEntropyRank() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([3]), labels: [0, 1, 2])
        }
        #expect(standardError(of: result).contains("crossEntropy: logits of shape [3] need [3, classes] for 3 labels"))
    }
}
