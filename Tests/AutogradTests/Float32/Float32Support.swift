// Helpers of the float32 tests: float32 samples, the case type of the float32 op table, and a
// walk over a recorded graph that finds any tensor computed in float64.
import AutogradTestSupport
import Testing
@testable import Autograd

/// Standard normal values of `shape` rounded to float32 (moved to |x| + 0.5 when `positive`),
/// so the same values exist exactly in both types.
func sample32(_ shape: [Int], seed: UInt64, positive: Bool = false) -> Tensor {
    sample(shape, seed: seed, positive: positive).converted(to: .float32)
}

/// An operation of the float32 table: float32 inputs, a function of them, and the type its
/// value has (float32, except for a widening conversion).
struct Float32Case: Sendable, CustomTestStringConvertible {
    /// The name the test report shows.
    let name: String
    /// Makes float32 inputs (fresh tensors for every run).
    let inputs: @Sendable () -> [Tensor]
    /// The operation under test.
    let function: @Sendable ([Tensor]) -> Tensor
    /// The element type of the function's value.
    let valueDType: DType
    var testDescription: String { name }

    init(
        _ name: String, _ inputs: @autoclosure @escaping @Sendable () -> [Tensor], valueDType: DType = .float32,
        _ function: @escaping @Sendable ([Tensor]) -> Tensor
    ) {
        self.name = name
        self.inputs = inputs
        self.function = function
        self.valueDType = valueDType
    }
}

/// The operations of the recorded graph that ends at `tensor` (itself included) whose result
/// is float64 or that convert between types: in a float32 computation there should be none.
/// An iterative walk, as the engine's.
func promotingOperations(in tensor: Tensor) -> [String] {
    var found: [String] = []
    var visited: Set<ObjectIdentifier> = []
    var pending = [tensor]
    while let next = pending.popLast() {
        guard visited.insert(ObjectIdentifier(next)).inserted else { continue }
        let operation = next.node?.operation ?? "constant"
        if next.dtype == .float64 || operation == "converted" { found.append("\(operation) \(next.shape) \(next.dtype)") }
        pending.append(contentsOf: next.node?.inputs ?? [])
    }
    return found
}

/// The largest |aᵢ − bᵢ| relative to the largest |bᵢ| (1 when b is all zeros): a norm-wise
/// relative error, the measure that stays meaningful where a composition cancels.
func normwiseRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    let largest = b.map(Swift.abs).max() ?? 0
    let scale = largest > 0 ? largest : 1
    return zip(a, b).map { Swift.abs($0 - $1) / scale }.max() ?? 0
}

/// The distance between two floats in units in the last place of float32 (0 when equal).
func ulpDistance(_ a: Float, _ b: Float) -> Int {
    guard a != b else { return 0 }
    func ordered(_ x: Float) -> Int { x.sign == .minus ? -Int(x.magnitude.bitPattern) : Int(x.bitPattern) }
    return Swift.abs(ordered(a) - ordered(b))
}
