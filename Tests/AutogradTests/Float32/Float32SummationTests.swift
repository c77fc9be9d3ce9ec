import Testing
import Autograd

/// Pairwise summation in float32: a million equal values add up to within a few ulps, where a
/// running float32 total drifts by about 1 %.
@Suite("Float32 summation")
struct Float32SummationTests {
    static let count = 1_000_000
    /// 10⁶ · Float(0.1) computed in float64 (exact: 24 + 20 bits) and rounded once to float32.
    static let expected = Float(Double(count) * Double(Float(0.1)))

    @Test("a running float32 total of 10⁶ copies of 0.1 is off by more than 0.5 %: the test below can fail")
    func naiveDrifts() {
        var total: Float = 0
        for _ in 0..<Self.count { total += 0.1 }
        #expect(Swift.abs(Double(total) - Double(Self.expected)) > 0.005 * Double(Self.expected), "\(total)")
    }

    @Test("sum() of 10⁶ copies of Float(0.1) is within 4 ulps of 10⁶ · Float(0.1)")
    func sumOfAll() {
        let total = Tensor.full([Self.count], value: 0.1, dtype: .float32).sum()
        #expect(total.dtype == .float32)
        #expect(ulpDistance(total.scalars(as: Float.self)[0], Self.expected) <= 4, "\(total.scalar) vs \(Self.expected)")
    }

    @Test("sums along either axis of a 1000 × 1000 float32 matrix keep their digits, and so does the mean")
    func alongAxes() {
        let x = Tensor.full([1000, 1000], value: 0.1, dtype: .float32)
        let rowExpected = Float(1000 * Double(Float(0.1)))
        for axis in [0, 1] {
            let sums = x.sum(alongAxes: axis).scalars(as: Float.self)
            #expect(sums.count == 1000 && sums.allSatisfy { ulpDistance($0, rowExpected) <= 2 }, "axis \(axis): \(sums.prefix(3))")
        }
        #expect(ulpDistance(x.sum().scalars(as: Float.self)[0], Self.expected) <= 4)
        #expect(ulpDistance(x.mean().scalars(as: Float.self)[0], Float(0.1)) <= 4)
    }
}
