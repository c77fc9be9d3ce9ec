import AutogradTestSupport
import Testing
import Autograd

/// Mixed operands compute in float64, as PyTorch promotes; each operand's gradient comes back
/// in its own type. A `Double` constant takes the tensor's type. Seeds, tangents and custom
/// rules' cotangents given in the other type are converted.
@Suite("Float32 promotion")
struct PromotionTests {
    // Values exact in both types, so every expected value below is exact.
    let single = Tensor([Float(1.5), -2.0, 0.25])
    let double = Tensor([0.5, 4.0, -8.0])

    /// A binary operation, with the gradient of Σ op(a, b) with respect to each operand by hand.
    struct Mixed: Sendable, CustomTestStringConvertible {
        let name: String
        let function: @Sendable (Tensor, Tensor) -> Tensor
        /// ∂/∂a and ∂/∂b of Σ op(a, b) at a = (1.5, −2, 0.25), b = (0.5, 4, −8).
        let gradients: (a: [Double], b: [Double])
        var testDescription: String { name }
    }

    static let mixed: [Mixed] = [
        .init(name: "+", function: { $0 + $1 }, gradients: ([1, 1, 1], [1, 1, 1])),
        .init(name: "-", function: { $0 - $1 }, gradients: ([1, 1, 1], [-1, -1, -1])),
        .init(name: "*", function: { $0 * $1 }, gradients: ([0.5, 4, -8], [1.5, -2, 0.25])),
        // ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b².
        .init(name: "/", function: { $0 / $1 }, gradients: ([2, 0.25, -0.125], [-6, 0.125, -0.00390625])),
        // A 1×3 by 3×1 product is the inner product: ∂/∂a = b, ∂/∂b = a.
        .init(name: "matmul", function: { matmul($0.reshaped(to: [1, 3]), $1.reshaped(to: [3, 1])) },
              gradients: ([0.5, 4, -8], [1.5, -2, 0.25])),
        .init(name: "stacked", function: { stacked([$0, $1]) }, gradients: ([1, 1, 1], [1, 1, 1])),
        .init(name: "concatenate", function: { concatenate([$0, $1]) }, gradients: ([1, 1, 1], [1, 1, 1])),
    ]

    @Test("float32 with float64 computes in float64; the gradients keep each operand's type", arguments: mixed)
    func mixedOperands(_ operation: Mixed) {
        #expect(operation.function(single, double).dtype == .float64)
        let (ga, gb) = gradient(at: single, double) { operation.function($0, $1).sum() }
        #expect(ga.dtype == .float32 && gb.dtype == .float64)
        #expect(ga.scalars == operation.gradients.a && gb.scalars == operation.gradients.b, "\(ga) \(gb)")
        let tangent = jvp(at: [single, double], tangents: [Tensor.ones([3], dtype: .float32), Tensor.zeros([3])]) {
            operation.function($0[0], $0[1])
        }.tangent
        #expect(tangent.dtype == .float64)
        // The tangent along a alone is ∂/∂a · 1 summed: Σ of the a-gradient.
        #expect(tangent.sum().scalar == operation.gradients.a.reduce(0, +))
    }

    @Test("float64 on the left of a float32 operand promotes too")
    func float64First() {
        #expect((double + single).dtype == .float64)
        #expect((double * single).scalars == [0.75, -8, -2])
        #expect(matmul(Tensor.ones([2, 3]), Tensor.ones([3, 2], dtype: .float32)).dtype == .float64)
        #expect(stacked([double, single]).dtype == .float64)
        #expect(concatenate([double, single]).dtype == .float64)
    }

    @Test("comparisons of mixed types give float64 0s and 1s; of float32 alone, float32")
    func comparisons() {
        let results = [single .== double, single .!= double, single .< double, single .<= double, single .> double, single .>= double]
        #expect(results.map(\.dtype) == Array(repeating: .float64, count: 6))
        #expect(results.map(\.scalars) == [[0, 0, 0], [1, 1, 1], [0, 1, 0], [0, 1, 0], [1, 0, 1], [1, 0, 1]])
        #expect((single .> 0).dtype == .float32 && (single .> 0).scalars == [1, 0, 1])
        #expect((0.3 .< Tensor([Float(0.3)])).scalars == [0], "0.3 rounds to Float(0.3) first, so they are equal")
        #expect(single.argmax(alongAxis: 0).dtype == .float64)
    }

    @Test("a Double constant takes the float32 tensor's type, on either side and for every operator")
    func doubleConstants() {
        let results = [single * 0.5, 0.5 * single, single + 0.5, 0.5 + single, single - 3, 3 - single, single / 3, 3 / single]
        #expect(results.allSatisfy { $0.dtype == .float32 })
        #expect(results[0].scalars == [0.75, -1, 0.125])
        // 1.5/3 and −2/3 rounded once to float32, not computed in float64 and then rounded.
        #expect(results[6].scalars(as: Float.self) == [Float(1.5) / 3, -2 / 3, Float(0.25) / 3])
    }

    @Test("a Double constant is rounded to float32 first: x · 0.1 is x · Float(0.1)")
    func constantRounding() {
        let product = Tensor([Float(1)]) * 0.1
        #expect(product.scalars(as: Float.self) == [Float(0.1)])
        #expect(product.scalars == [Double(Float(0.1))])
        #expect(product.scalars != [0.1])
        // 1/3 as float32 then times 3 is 1 in float32 (not 1 − 2⁻²⁵, which would need float64).
        #expect((Tensor([Float(1)]) / 3 * 3).scalars(as: Float.self) == [Float(1) / 3 * 3])
    }

    @Test("backward(seed:) with a float64 seed on a float32 output gives float32 gradients")
    func float64Seed() {
        let x = Tensor([Float(1.5), -2.0]).requiringGradient()
        let y = x * x
        // 0.1 as float64 reaches the rule as Float(0.1): ∂ = 2x · Float(0.1), computed in float32.
        y.backward(seed: Tensor([0.1, 1.0]))
        #expect(x.grad?.dtype == .float32)
        #expect(x.grad?.scalars(as: Float.self) == [2 * Float(1.5) * Float(0.1), -4])
    }

    @Test("jvp with a float64 tangent at a float32 input computes in float32")
    func float64Tangent() {
        let result = jvp(at: Tensor([Float(1.5), -2.0]), tangent: Tensor([0.1, 1.0])) { $0 * $0 }
        #expect(result.tangent.dtype == .float32)
        #expect(result.tangent.scalars(as: Float.self) == [2 * Float(1.5) * Float(0.1), -4])
    }

    @Test("a custom rule returning float64 cotangents and tangents for float32 inputs is converted to float32")
    func customRuleOtherType() {
        let square = CustomDerivative(
            "square in float64",
            forward: { x in (value: x[0] * x[0], residuals: []) },
            pullback: { cotangent, rule in [(2 * rule.inputs[0].converted(to: .float64) * cotangent.converted(to: .float64))] },
            differential: { tangents, rule in 2 * rule.inputs[0].converted(to: .float64) * tangents[0].converted(to: .float64) })
        let x = Tensor([Float(1.5), -2.0])
        let g = gradient(at: x) { square($0).sum() }
        #expect(g.dtype == .float32 && g.scalars == [3, -4])
        let tangent = jvp(at: x, tangent: Tensor([Float(1), 0.5])) { square($0) }.tangent
        #expect(tangent.dtype == .float32 && tangent.scalars == [3, -2])
        #expect(square(x).dtype == .float32)
    }
}
