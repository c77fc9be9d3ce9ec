import Autograd
import Testing

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

/// What an exit test's child process wrote to standard error (empty when it did not run).
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
