import Testing
@testable import Autograd

/// Expects two arrays of values to agree to `tolerance`, relative to magnitude (absolute below 1).
func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(a - e) <= tolerance * max(1, abs(e)), "element \(index): \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

/// A named differentiable function of some inputs, for the parameterised gradient checks.
struct DifferentiableCase: Sendable, CustomTestStringConvertible {
    let name: String
    let inputs: @Sendable () -> [Tensor]
    let function: @Sendable ([Tensor]) -> Tensor
    var testDescription: String { name }

    init(_ name: String, _ inputs: @autoclosure @escaping @Sendable () -> [Tensor], _ function: @escaping @Sendable ([Tensor]) -> Tensor) {
        self.name = name
        self.inputs = inputs
        self.function = function
    }
}

/// Standard normal values of the given shape, shifted away from zero by `offset` when asked.
func sample(_ shape: [Int], seed: UInt64, positive: Bool = false) -> Tensor {
    let values = Tensor.randomNormal(shape, seed: seed)
    return positive ? abs(values) + 0.5 : values
}

/// What an exit test's child process wrote to standard error (empty when it did not run).
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
