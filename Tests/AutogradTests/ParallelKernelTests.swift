import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// Elementwise loops of 32,768 values or more run in slices on several threads; every value
/// must still be exactly what the scalar formula gives, in both types, whatever the slicing.
@Suite("Long elementwise loops in slices")
struct ParallelKernelTests {
    /// 100,003 values (not a multiple of any slice count), in [−3, 3).
    static let count = 100_003

    static func values() -> [Double] { (0..<count).map { Double($0 % 6_007) / 1_000 - 3 } }

    @Test("tanh, a product and a sum equal their scalar loops element by element", arguments: DType.allCases)
    func elementwise(dtype: DType) {
        let x = Tensor(Self.values()).converted(to: dtype)
        let y = Tensor(Self.values().reversed()).converted(to: dtype)
        let a = x.scalars(as: Double.self), b = y.scalars(as: Double.self)
        func rounded(_ value: Double) -> Double { dtype == .float32 ? Double(Float(value)) : value }
        func expectEqual(_ result: Tensor, _ expected: (Int) -> Double) {
            let values = result.scalars
            let mismatches = (0..<Self.count).filter { values[$0] != expected($0) }
            #expect(mismatches.isEmpty, "first mismatch at \(mismatches.first ?? -1)")
        }
        if dtype == .float64 {
            expectEqual(tanh(x)) { Foundation.tanh(a[$0]) }
        } else {
            expectEqual(tanh(x)) { Double(Foundation.tanhf(Float(a[$0]))) }
        }
        // Float32 products and sums of float32 values are exact in float64, so rounding the
        // float64 result once gives the float32 one.
        expectEqual(x * y) { rounded(a[$0] * b[$0]) }
        expectEqual(x + 0.25) { rounded(a[$0] + 0.25) }
    }

    @Test("a bias row added to a long batch repeats along the rows", arguments: DType.allCases)
    func biasRow(dtype: DType) {
        let batch = Tensor.randomNormal([1_000, 40], seed: 1, dtype: dtype)
        let bias = Tensor.randomNormal([40], seed: 2, dtype: dtype)
        let sum = (batch + bias).scalars, rows = batch.scalars, row = bias.scalars
        func rounded(_ value: Double) -> Double { dtype == .float32 ? Double(Float(value)) : value }
        #expect((0..<40_000).allSatisfy { sum[$0] == rounded(rows[$0] + row[$0 % 40]) })
    }
}
