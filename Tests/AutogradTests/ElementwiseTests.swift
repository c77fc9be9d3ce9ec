import AutogradTestSupport
import Foundation
import Testing
@testable import Autograd

/// One elementwise function at x with its values and the derivative of Σ f(x), both
/// computed with NumPy 2.4.6 from the closed-form derivative (d/dx eˣ = eˣ, d/dx ln x = 1/x, ...).
struct ElementwiseReference: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [Double]
    let function: @Sendable (Tensor) -> Tensor
    let value: [Double]
    let derivative: [Double]
    var testDescription: String { name }
}

private let mixed = [0.3, -1.2, 2.5, 0.7]
private let positive = [0.3, 1.2, 2.5, 0.7]

@Suite("Elementwise operations")
struct ElementwiseTests {
    static let references: [ElementwiseReference] = [
        .init(name: "exp", input: mixed, function: { exp($0) },
              value: [1.3498588075760032, 0.3011942119122021, 12.182493960703473, 2.0137527074704766],
              derivative: [1.3498588075760032, 0.3011942119122021, 12.182493960703473, 2.0137527074704766]),
        .init(name: "log", input: positive, function: { log($0) },
              value: [-1.2039728043259361, 0.1823215567939546, 0.9162907318741551, -0.35667494393873245],
              derivative: [3.3333333333333335, 0.8333333333333334, 0.4, 1.4285714285714286]),
        .init(name: "sqrt", input: positive, function: { sqrt($0) },
              value: [0.5477225575051661, 1.0954451150103321, 1.5811388300841898, 0.8366600265340756],
              derivative: [0.9128709291752769, 0.45643546458763845, 0.31622776601683794, 0.5976143046671968]),
        .init(name: "sin", input: mixed, function: { sin($0) },
              value: [0.29552020666133955, -0.9320390859672263, 0.5984721441039565, 0.644217687237691],
              derivative: [0.955336489125606, 0.3623577544766736, -0.8011436155469337, 0.7648421872844885]),
        .init(name: "cos", input: mixed, function: { cos($0) },
              value: [0.955336489125606, 0.3623577544766736, -0.8011436155469337, 0.7648421872844885],
              derivative: [-0.29552020666133955, 0.9320390859672263, -0.5984721441039565, -0.644217687237691]),
        .init(name: "tanh", input: mixed, function: { tanh($0) },
              value: [0.2913126124515909, -0.8336546070121552, 0.9866142981514303, 0.6043677771171634],
              derivative: [0.9151369618266292, 0.30501999620740905, 0.026592226683160525, 0.6347395899824587]),
        .init(name: "sigmoid", input: mixed, function: { sigmoid($0) },
              value: [0.574442516811659, 0.23147521650098238, 0.9241418199787566, 0.6681877721681662],
              derivative: [0.2444583116907459, 0.1778944406468057, 0.07010371654510818, 0.2217128732931091]),
        // erf from Python's math.erf (C libm), derivative (2/√π)·exp(−x²).
        .init(name: "erf", input: mixed, function: { erf($0) },
              value: [0.3286267594591274, -0.9103139782296353, 0.999593047982555, 0.6778011938374184],
              derivative: [1.031260909618963, 0.26734434700353915, 0.00217828423035271, 0.6912748604105386]),
        .init(name: "relu", input: mixed, function: { relu($0) },
              value: [0.3, 0.0, 2.5, 0.7], derivative: [1, 0, 1, 1]),
        .init(name: "abs", input: mixed, function: { abs($0) },
              value: [0.3, 1.2, 2.5, 0.7], derivative: [1, -1, 1, 1]),
        .init(name: "pow 3", input: mixed, function: { pow($0, 3) },
              value: [0.026999999999999996, -1.7279999999999998, 15.625, 0.3429999999999999],
              derivative: [0.27, 4.32, 18.75, 1.4699999999999998]),
        .init(name: "pow −1.5", input: positive, function: { pow($0, -1.5) },
              value: [6.0858061945018465, 0.7607257743127308, 0.25298221281347033, 1.7074694419062768],
              derivative: [-30.42903097250923, -0.9509072178909135, -0.1517893276880822, -3.6588630897991647]),
        .init(name: "negation", input: mixed, function: { -$0 },
              value: [-0.3, 1.2, -2.5, -0.7], derivative: [-1, -1, -1, -1]),
    ]

    @Test("values and derivatives match NumPy", arguments: references)
    func matchesReference(_ reference: ElementwiseReference) {
        let x = Tensor(reference.input)
        let (value, derivative) = valueWithGradient(at: x) { reference.function($0).sum() }
        expectClose(reference.function(x).scalars, reference.value)
        expectClose(derivative.scalars, reference.derivative)
        #expect(abs(value.scalar - reference.value.reduce(0, +)) < 1e-12)
    }

    static let cases: [DifferentiableCase] = [
        .init("exp", [sample([2, 3], seed: 1)]) { exp($0[0]) },
        .init("log", [sample([2, 3], seed: 2, positive: true)]) { log($0[0]) },
        .init("sqrt", [sample([2, 3], seed: 3, positive: true)]) { sqrt($0[0]) },
        .init("sin", [sample([2, 3], seed: 4)]) { sin($0[0]) },
        .init("cos", [sample([2, 3], seed: 5)]) { cos($0[0]) },
        .init("tanh", [sample([2, 3], seed: 6)]) { tanh($0[0]) },
        .init("erf", [sample([2, 3], seed: 16)]) { erf($0[0]) },
        .init("sigmoid", [sample([2, 3], seed: 7)]) { sigmoid($0[0]) },
        .init("relu", [sample([2, 3], seed: 8, positive: true) * Tensor([1.0, -1.0, 1.0])]) { relu($0[0]) },
        .init("abs", [sample([2, 3], seed: 9, positive: true) * Tensor([1.0, -1.0, 1.0])]) { abs($0[0]) },
        .init("pow 3", [sample([2, 3], seed: 10)]) { pow($0[0], 3) },
        .init("pow −1.5", [sample([2, 3], seed: 11, positive: true)]) { pow($0[0], -1.5) },
        .init("square", [sample([2, 3], seed: 12)]) { square($0[0]) },
        .init("negation", [sample([2, 3], seed: 13)]) { -$0[0] },
        .init("a + b broadcast", [sample([2, 3], seed: 14), sample([3], seed: 15)]) { $0[0] + $0[1] },
        .init("a − b broadcast", [sample([2, 1], seed: 16), sample([2, 3], seed: 17)]) { $0[0] - $0[1] },
        .init("a · b broadcast", [sample([2, 3], seed: 18), sample([2, 1], seed: 19)]) { $0[0] * $0[1] },
        .init("a / b broadcast", [sample([4, 1, 3], seed: 20), sample([2, 1], seed: 21, positive: true)]) { $0[0] / $0[1] },
        .init("scalars on either side", [sample([3], seed: 22, positive: true)]) { 2 / $0[0] + 3 * $0[0] - 1 + $0[0] / 4 - (5 - $0[0]) },
        .init("composition", [sample([3, 2], seed: 23)]) { t in let x = t[0]; return sigmoid(tanh(x) * exp(-x * x)) + sin(x) * cos(x) },
    ]

    @Test("pullback and differential match central differences, to second order", arguments: cases)
    func gradientCheck(_ testCase: DifferentiableCase) {
        let report = checkGradients(at: testCase.inputs(), order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("broadcasting arithmetic: values and gradients by hand")
    func broadcastingByHand() {
        let a = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), b = Tensor([10.0, 20.0, 40.0])
        #expect((a + b).scalars == [11, 22, 43, 14, 25, 46])
        #expect((a - b).scalars == [-9, -18, -37, -6, -15, -34])
        #expect((a * b).scalars == [10, 40, 120, 40, 100, 240])
        #expect((a / b).scalars == [0.1, 0.1, 0.075, 0.4, 0.25, 0.15])
        // Σ(a ⊙ b): ∂/∂a = b repeated per row; ∂/∂b = column sums of a.
        let (ga, gb) = gradient(at: a, b) { ($0 * $1).sum() }
        #expect(ga.scalars == [10, 20, 40, 10, 20, 40] && gb.scalars == [5, 7, 9])
        // Σ(a / b): ∂/∂b = −(column sums of a) / b².
        let gq = gradient(at: b) { (a / $0).sum() }
        expectClose(gq.scalars, [-5.0 / 100, -7.0 / 400, -9.0 / 1600])
    }

    @Test("a Double operand rounds signed zeros as IEEE 754 does (−0 + 0 = +0, 0 − (+0) = +0)", arguments: DType.allCases)
    func signedZerosWithDoubleOperands(dtype: DType) {
        // IEEE 754 §6.3: an exact zero sum is +0 unless both terms are −0; x − y is x + (−y);
        // a product's sign is the exclusive or of its operands' signs.
        let zeros = Tensor([0.0, -0.0]).converted(to: dtype)
        let cases: [(expression: String, result: Tensor, signs: [FloatingPointSign])] = [
            ("x + 0", zeros + 0, [.plus, .plus]),
            ("0 + x", 0 + zeros, [.plus, .plus]),
            ("x + (−0)", zeros + -0.0, [.plus, .minus]),
            ("x − 0", zeros - 0, [.plus, .minus]),
            ("0 − x", 0 - zeros, [.plus, .plus]),
            ("−0 − x", -0.0 - zeros, [.minus, .plus]),
            ("x · 2", zeros * 2, [.plus, .minus]),
            ("−x", -zeros, [.minus, .plus]),
        ]
        for (expression, result, signs) in cases {
            #expect(result.scalars.map(\.sign) == signs, "\(expression) on \(dtype): \(result.scalars)")
        }
    }

    @Test("third derivatives of tanh and sigmoid (fused derivative rules) match their closed forms",
          arguments: ["tanh", "sigmoid"])
    func thirdDerivatives(function: String) {
        // By hand: tanh‴ = (1 − y²)(6y² − 2) with y = tanh x; σ‴ = s(1 − s)(1 − 6s + 6s²) with s = σ(x).
        let f: (Tensor) -> Tensor = function == "tanh" ? { tanh($0) } : { sigmoid($0) }
        let x = Tensor([-1.3, 0.2, 0.9])
        let expected = x.scalars.map { x in
            if function == "tanh" { let y = Foundation.tanh(x); return (1 - y * y) * (6 * y * y - 2) }
            let s = 1 / (1 + Foundation.exp(-x)); return s * (1 - s) * (1 - 6 * s + 6 * s * s)
        }
        func second(_ x: Tensor) -> Tensor { gradient(at: x) { gradient(at: $0) { f($0).sum() }.sum() } }
        let reverse = gradient(at: x) { second($0).sum() }
        let forwardOverReverse = jvp(at: x, tangent: x.filled(with: 1)) { second($0) }.tangent
        expectClose(reverse.scalars, expected, tolerance: 1e-12)
        expectClose(forwardOverReverse.scalars, expected, tolerance: 1e-12)
    }

    @Test("a constant operand gets no gradient work and no node")
    func constantOperands() {
        let x = Tensor([1.0, 2.0])
        let y = x * 3 + 1
        #expect(!y.requiresGrad)
        #expect(y.scalars == [4, 7])
    }
}
