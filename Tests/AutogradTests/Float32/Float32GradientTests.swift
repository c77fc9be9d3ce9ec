import AutogradTestSupport
import Testing
@testable import Autograd

/// Every operation's rules on float32 inputs: checked against central differences in float64
/// (`checkGradients` differentiates float64 copies of the inputs; its float32 tolerance is
/// 10⁻⁴), and kept in float32 all the way: the value, the gradient and the tangent are float32,
/// and no tensor in the recorded forward, backward or tangent computation is float64 or a
/// conversion. The last check matters because the engine converts every cotangent and tangent
/// to its tensor's type: a rule that promoted to float64 internally would still hand back a
/// float32 gradient, twice as slowly, and only the recorded graph shows it.
@Suite("Float32 rules")
struct Float32GradientTests {
    @Test("pullback and differential match float64 central differences, to second order", arguments: Float32OpTable.all)
    func secondOrder(_ testCase: Float32Case) {
        let inputs = testCase.inputs()
        #expect(inputs.allSatisfy { $0.dtype == .float32 })
        let report = checkGradients(at: inputs, order: 2, of: testCase.function)
        #expect(report.passed, "\(report)")
    }

    @Test("value, gradient and tangent are float32", arguments: Float32OpTable.all)
    func types(_ testCase: Float32Case) {
        let inputs = testCase.inputs()
        let value = testCase.function(inputs)
        #expect(value.dtype == testCase.valueDType)
        let cotangent = Tensor.randomNormal(value.shape, seed: 1, dtype: value.dtype)
        let gradients = gradient(at: inputs) { (testCase.function($0) * cotangent).sum() }
        #expect(gradients.map(\.dtype) == inputs.map { _ in .float32 })
        let tangents = inputs.enumerated().map { Tensor.randomNormal($1.shape, seed: 2 + UInt64($0), dtype: .float32) }
        #expect(jvp(at: inputs, tangents: tangents, of: testCase.function).tangent.dtype == testCase.valueDType)
    }

    @Test("no rule computes in float64: the recorded value, backward and tangent graphs are all float32",
          arguments: Float32OpTable.all.filter { $0.valueDType == .float32 })
    func noPromotionInsideRules(_ testCase: Float32Case) {
        let inputs = testCase.inputs().map { $0.requiringGradient() }
        let value = testCase.function(inputs)
        #expect(promotingOperations(in: value).isEmpty, "forward: \(promotingOperations(in: value))")
        // The backward pass, recorded: every cotangent and every constant a pullback made.
        value.backward(seed: Tensor.randomNormal(value.shape, seed: 1, dtype: .float32), creatingGraph: true)
        for input in inputs {
            #expect(promotingOperations(in: input.grad!).isEmpty, "backward: \(promotingOperations(in: input.grad!))")
            input.zeroGrad()
        }
        // The differentials, recorded with respect to the tangents.
        let tangents = inputs.enumerated().map {
            Tensor.randomNormal($1.shape, seed: 2 + UInt64($0), dtype: .float32).requiringGradient()
        }
        let tangent = jvp(at: inputs, tangents: tangents, of: testCase.function).tangent
        #expect(tangent.requiresGrad)
        #expect(promotingOperations(in: tangent).isEmpty, "tangent: \(promotingOperations(in: tangent))")
    }
}
