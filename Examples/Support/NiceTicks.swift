import Autograd
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
    /// A range with a non-finite bound is replaced by `0...1`. A range too narrow
    /// to split (zero width, intervals under 1e-300 or under 2⁻⁵⁰ of the larger
    /// bound's magnitude m) is widened by max(1, 2⁻⁴⁰·m) on each side. Every
    /// finite range gets finite ticks: near ±`Double.greatestFiniteMagnitude`
    /// the step is at most 1e308 and an end tick past it is clamped to it.
    /// - Precondition: `targetCount >= 2`.
    public init(covering range: ClosedRange<Double>, targetCount: Int = 5) {
        check(targetCount >= 2, "NiceTicks: targetCount must be at least 2, got \(targetCount)")
        var lower = range.lowerBound, upper = range.upperBound
        if !lower.isFinite || !upper.isFinite { (lower, upper) = (0, 1) }
        let magnitude = Swift.max(abs(lower), abs(upper))
        if Self.interval(lower, upper, targetCount) < Swift.max(1e-300, magnitude * 0x1p-50) {
            let margin = Swift.max(1, magnitude * 0x1p-40)
            (lower, upper) = (Self.clamped(lower - margin), Self.clamped(upper + margin))
        }

        let (mantissa, exponent) = Self.niceStep(near: Self.interval(lower, upper, targetCount))
        // A step of mantissa·10^exponent, written as (integer) / divisor or (integer) · multiplier.
        let scale = pow(10, Double(abs(exponent)))
        let value = { (multiple: Int) -> Double in
            Self.clamped(exponent < 0 ? Double(multiple * mantissa) / scale : Double(multiple * mantissa) * scale)
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

    /// The width of one of `targetCount - 1` equal intervals of `lower...upper`, at
    /// most `Double.greatestFiniteMagnitude`. Each bound is divided first, so the
    /// width stays finite when `upper - lower` overflows.
    private static func interval(_ lower: Double, _ upper: Double, _ targetCount: Int) -> Double {
        let count = Double(targetCount - 1)
        return clamped(upper / count - lower / count)
    }

    /// `value` limited to the finite doubles.
    private static func clamped(_ value: Double) -> Double {
        Swift.min(Swift.max(value, -.greatestFiniteMagnitude), .greatestFiniteMagnitude)
    }

    /// The 1, 2 or 5 times a power of ten nearest to `raw` (at least 1e-300), as
    /// (mantissa, exponent); 1e308, the largest finite such step, from 1e308 on.
    private static func niceStep(near raw: Double) -> (mantissa: Int, exponent: Int) {
        let exponent = Int(log10(raw).rounded(.down))
        guard exponent < 308 else { return (1, 308) }
        let fraction = raw / pow(10, Double(exponent))
        switch fraction {
        case ..<1.5: return (1, exponent)
        case ..<3: return (2, exponent)
        case ..<7: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }
}
