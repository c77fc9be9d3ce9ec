import Foundation

/// Round tick values for a chart axis: consecutive multiples of a step that is
/// 1, 2 or 5 times a power of ten, covering a data range.
///
///     NiceTicks(covering: 0...2.3).values == [0, 0.5, 1, 1.5, 2, 2.5]
///     NiceTicks(covering: 1...40).values  == [0, 10, 20, 30, 40]
///
/// Values are computed as integers scaled by a power of ten, so they equal the
/// decimal literals they print as (`0.3`, never `0.30000000000000004`).
public struct NiceTicks: Sendable, Equatable {
    /// The tick values in increasing order; the first is at or below the
    /// range's lower bound and the last at or above its upper bound.
    public let values: [Double]

    /// The distance between consecutive ticks.
    public let step: Double

    /// Decimal places needed to print every tick exactly.
    private let fractionDigits: Int

    /// Chooses the 1-2-5 step closest to dividing `range` into
    /// `targetCount - 1` intervals, and the ticks that cover `range`.
    ///
    /// A range of zero width is widened by one unit on each side; a range with
    /// a non-finite bound is replaced by `0...1`.
    /// - Precondition: `targetCount >= 2`.
    public init(covering range: ClosedRange<Double>, targetCount: Int = 5) {
        precondition(targetCount >= 2, "NiceTicks: targetCount must be at least 2, got \(targetCount)")
        var lower = range.lowerBound, upper = range.upperBound
        if !lower.isFinite || !upper.isFinite { (lower, upper) = (0, 1) }
        if lower == upper { (lower, upper) = (lower - 1, upper + 1) }

        let (mantissa, exponent) = Self.niceStep(near: (upper - lower) / Double(targetCount - 1))
        // A step of mantissa·10^exponent, written as (integer) / divisor or (integer) · multiplier.
        let scale = pow(10, Double(abs(exponent)))
        let value = { (multiple: Int) -> Double in
            exponent < 0 ? Double(multiple * mantissa) / scale : Double(multiple * mantissa) * scale
        }
        step = value(1)
        let first = Int((lower / step).rounded(.down)), last = Int((upper / step).rounded(.up))
        values = (first...last).map(value)
        fractionDigits = max(0, -exponent)
    }

    /// The text of a tick label for `value`, with as many decimals as the step needs.
    ///
    ///     NiceTicks(covering: 0...1).label(0.4) == "0.4"
    public func label(_ value: Double) -> String {
        String(format: "%.\(fractionDigits)f", value)
    }

    /// The 1, 2 or 5 times a power of ten nearest to `raw`, as (mantissa, exponent).
    private static func niceStep(near raw: Double) -> (mantissa: Int, exponent: Int) {
        let exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / pow(10, Double(exponent))
        switch fraction {
        case ..<1.5: return (1, exponent)
        case ..<3: return (2, exponent)
        case ..<7: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }
}
