import AutogradTestSupport
import Testing
import Autograd

/// `Int` operands: the values are the `Double` operators' (worked by hand for x = [1, 2, 4],
/// n = 4), the derivatives d/dx those of the same formulas.
@Suite("Int operands in arithmetic")
struct IntegerArithmeticTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let function: @Sendable (Tensor, Int) -> Tensor
        let value: [Double]
        let derivative: [Double]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "x + n", function: { $0 + $1 }, value: [5, 6, 8], derivative: [1, 1, 1]),
        Case(name: "n + x", function: { $1 + $0 }, value: [5, 6, 8], derivative: [1, 1, 1]),
        Case(name: "x - n", function: { $0 - $1 }, value: [-3, -2, 0], derivative: [1, 1, 1]),
        Case(name: "n - x", function: { $1 - $0 }, value: [3, 2, 0], derivative: [-1, -1, -1]),
        Case(name: "x * n", function: { $0 * $1 }, value: [4, 8, 16], derivative: [4, 4, 4]),
        Case(name: "n * x", function: { $1 * $0 }, value: [4, 8, 16], derivative: [4, 4, 4]),
        Case(name: "x / n", function: { $0 / $1 }, value: [0.25, 0.5, 1], derivative: [0.25, 0.25, 0.25]),
        // d(n/x)/dx = −n/x²
        Case(name: "n / x", function: { $1 / $0 }, value: [4, 2, 1], derivative: [-4, -1, -0.25]),
    ]

    @Test("values and derivatives", arguments: cases)
    func valuesAndDerivatives(_ c: Case) {
        let n = 4
        let x: Tensor = [1, 2, 4]
        #expect(c.function(x, n).scalars == c.value)
        #expect(gradient(at: x) { c.function($0, n).sum() }.scalars == c.derivative)
        #expect(checkGradients(at: x, order: 2) { c.function($0, n) }.passed)
    }

    @Test("float32 stays float32", arguments: cases)
    func float32(_ c: Case) {
        let x = Tensor([1, 2, 4] as [Float])
        let y = c.function(x, 4)
        #expect(y.dtype == .float32 && y.scalars == c.value)
        #expect(checkGradients(at: x, order: 2) { c.function($0, 4) }.passed)
    }
}
