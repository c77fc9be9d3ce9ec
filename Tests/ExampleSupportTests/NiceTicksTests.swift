@testable import ExampleSupport
import Testing

@Suite("Nice ticks")
struct NiceTicksTests {
    // Expected ticks by hand: the raw step (span / 4) rounded to the nearest
    // of 1, 2, 5 times a power of ten, then the multiples covering the range.
    @Test("Steps of 1, 2 or 5 times a power of ten cover the range", arguments: [
        (0.0...1.0, [0, 0.2, 0.4, 0.6, 0.8, 1]),               // raw 0.25 → 0.2
        (0.0...2.3, [0, 0.5, 1, 1.5, 2, 2.5]),                 // raw 0.575 → 0.5
        (1.0...40.0, [0, 10, 20, 30, 40]),                     // raw 9.75 → 10
        (-3.7...4.2, [-4, -2, 0, 2, 4, 6]),                    // raw 1.975 → 2
        (0.001...0.0042, [0.001, 0.002, 0.003, 0.004, 0.005]), // raw 0.0008 → 0.001
        (1200.0...98000.0, [0, 20000, 40000, 60000, 80000, 100000]), // raw 24200 → 20000
    ])
    func ticksForKnownRanges(range: ClosedRange<Double>, expected: [Double]) {
        #expect(NiceTicks(covering: range).values == expected)
    }

    @Test("A zero-width range is widened by one on each side")
    func zeroWidthRange() {
        #expect(NiceTicks(covering: 5...5).values == [4, 4.5, 5, 5.5, 6])
    }

    @Test("A range with a non-finite bound falls back to 0...1")
    func nonFiniteRange() {
        #expect(NiceTicks(covering: 0...Double.infinity).values == NiceTicks(covering: 0...1).values)
    }

    @Test("Labels carry as many decimals as the step needs")
    func labels() {
        #expect(NiceTicks(covering: 0...2.3).label(2) == "2.0")
        #expect(NiceTicks(covering: 0.001...0.0042).label(0.003) == "0.003")
        #expect(NiceTicks(covering: 1200...98000).label(40000) == "40000")
    }
}
