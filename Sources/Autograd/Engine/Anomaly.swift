/// An operation, pullback or differential that produced NaN or ±∞ from finite values, as
/// `withAnomalyDetection` reports it: what ran, on which shapes, and where the user's code
/// called the operation.
public struct Anomaly: Sendable, CustomStringConvertible {
    /// Which computation produced the non-finite values.
    public enum Stage: String, Sendable {
        /// The operation itself: its output (log(0), 0/0, exp(1000)).
        case forward = "the operation"
        /// Its pullback (VJP) in a backward pass: a cotangent for one of its inputs.
        case pullback = "the pullback (reverse mode) of the operation"
        /// Its differential (JVP) in forward mode: the output's tangent.
        case differential = "the differential (forward mode) of the operation"
    }

    /// Which computation produced the non-finite values.
    public let stage: Stage
    /// The operation's name, as in messages (`"sqrt"`, `"/"`, `"matmul"`).
    public let operation: String
    /// The shape of each of the operation's inputs.
    public let inputShapes: [[Int]]
    /// The shape of the operation's output.
    public let outputShape: [Int]
    /// What was non-finite: "the output", "the cotangent of input 0", "the tangent of the output".
    public let result: String
    /// How many values of `result` are NaN or ±∞, and how many it has.
    public let nonFiniteCount: Int, valueCount: Int
    /// The first non-finite value of `result` (NaN, +∞ or −∞).
    public let firstNonFiniteValue: Double
    /// Where the operation was called, innermost first, starting at the first frame outside
    /// this library: "function at file:line" with debug information, the function alone
    /// without. For a pullback, the call of the operation in the forward computation that
    /// recorded it. Empty when the stack could not be read.
    public let callStack: [String]

    /// A report over several lines: the stage and operation, the shapes, the non-finite
    /// values, that every input was finite, and the call stack.
    public var description: String {
        let received = switch stage {
        case .forward: "its inputs"
        case .pullback: "its inputs and the cotangent it received"
        case .differential: "its inputs and their tangents"
        }
        let calledAt = stage == .forward ? "called at" : "recorded in the forward computation at"
        let frames = callStack.isEmpty ? ["(no call stack could be read)"] : callStack
        return """
            NaN or ±∞ first produced by \(stage.rawValue) '\(operation)' \
            (input shapes \(inputShapes.map(\.description).joined(separator: ", ")), output shape \(outputShape)):
              \(result) has \(nonFiniteCount) non-finite of \(valueCount) values (the first is \(firstNonFiniteValue))
              non-finite inputs: none (\(received) were finite, so this is where the first non-finite value appeared)
              operation \(calledAt):
            \(frames.map { "    " + $0 }.joined(separator: "\n"))
            """
    }
}

/// What `withAnomalyDetection` throws when NaN or ±∞ appeared in its scope: the first
/// operation that produced them, and the first pullback or differential that did.
public struct AnomalyError: Error, CustomStringConvertible {
    /// The first operation whose output was non-finite although its inputs were finite.
    public let forward: Anomaly?
    /// The first pullback (backward pass) or differential (forward mode) whose result was
    /// non-finite although the operation's inputs and its incoming cotangent or tangents were finite.
    public let derivative: Anomaly?

    /// Both reports, forward first.
    public var description: String {
        ([forward, derivative].compactMap { $0?.description }).joined(separator: "\n")
    }
}
