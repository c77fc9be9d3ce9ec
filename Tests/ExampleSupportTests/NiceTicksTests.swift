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

    /// 1e-310, a subnormal (parsed at run time: a subnormal literal is a warning).
    static let subnormal = Double("1e-310")!

    @Test("A range narrower than any sensible step is widened by one on each side")
    func subnormalRange() {
        #expect(NiceTicks(covering: 0...Self.subnormal).values == [-1, -0.5, 0, 0.5, 1])
    }

    // Before the fix these trapped (upper − lower overflowing to infinity, a step
    // of 10^−311 computed as 1 / 10^311 = 0, a zero-width range too large to
    // widen by one) or gave an infinite end tick (1.7e308...greatestFiniteMagnitude).
    @Test("Extreme ranges get finite, increasing ticks covering them", arguments: [
        (-1e308...1e308, 5), (0...subnormal, 5), (-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, 2),
        (1e300...1e300, 5), (1.7e308...Double.greatestFiniteMagnitude, 5), (-subnormal...Double.leastNonzeroMagnitude, 3),
        (1e300...1e300.nextUp, 5),
    ] as [(ClosedRange<Double>, Int)])
    func extremeRanges(range: ClosedRange<Double>, targetCount: Int) {
        let ticks = NiceTicks(covering: range, targetCount: targetCount)
        #expect(ticks.step.isFinite && ticks.step > 0)
        #expect(ticks.values.allSatisfy { $0.isFinite })
        #expect(zip(ticks.values, ticks.values.dropFirst()).allSatisfy { $0 < $1 })
        #expect((2...targetCount + 3).contains(ticks.values.count), "\(ticks.values)")
        #expect(ticks.values.first! <= range.lowerBound && ticks.values.last! >= range.upperBound)
    }

    @Test("Labels carry as many decimals as the step needs")
    func labels() {
        #expect(NiceTicks(covering: 0...2.3).label(2) == "2.0")
        #expect(NiceTicks(covering: 0.001...0.0042).label(0.003) == "0.003")
        #expect(NiceTicks(covering: 1200...98000).label(40000) == "40000")
    }
}
