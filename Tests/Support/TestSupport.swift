// Helpers shared by the test targets: approximate comparison, the case type of the
// parameterised gradient checks, sample inputs, and exit-test output.
import Autograd
import Testing

/// Expects two arrays of values to agree to `tolerance`, relative to magnitude (absolute below 1).
public func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        #expect(abs(a - e) <= tolerance * max(1, abs(e)), "element \(index): \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

/// A named differentiable function of some inputs, for the parameterised gradient checks.
public struct DifferentiableCase: Sendable, CustomTestStringConvertible {
    /// The name the test report shows.
    public let name: String
    /// Makes the inputs (fresh tensors for every run).
    public let inputs: @Sendable () -> [Tensor]
    /// The function whose derivatives are checked.
    public let function: @Sendable ([Tensor]) -> Tensor
    /// The name, as the test report's description of the case.
    public var testDescription: String { name }

    /// A case called `name` checking `function` at `inputs`.
    public init(
        _ name: String, _ inputs: @autoclosure @escaping @Sendable () -> [Tensor],
        _ function: @escaping @Sendable ([Tensor]) -> Tensor
    ) {
        self.name = name
        self.inputs = inputs
        self.function = function
    }
}

/// Standard normal values of the given shape, moved to |x| + 0.5 when `positive`.
public func sample(_ shape: [Int], seed: UInt64, positive: Bool = false) -> Tensor {
    let values = Tensor.randomNormal(shape, seed: seed)
    return positive ? abs(values) + 0.5 : values
}

/// What an exit test's child process wrote to standard error (empty when it did not run).
public func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
