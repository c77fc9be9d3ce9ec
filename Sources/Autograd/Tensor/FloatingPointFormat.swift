import Foundation

/// NumPy's default format for the floating-point values of one array (`FloatingFormat` in
/// numpy/_core/arrayprint.py, with its defaults: precision 8, float mode "maxprec", no
/// suppression of small values), so that a tensor prints as NumPy prints the same array.
///
/// Each value gets its shortest round-trip decimal digits (Swift's `description`, like
/// Python's `repr`, at the element type's own precision), cut to 8 digits after the point
/// by correct rounding when it needs more, with trailing zeros dropped. The whole array
/// shares one notation: scientific when a finite non-zero magnitude is ≥ 1e8 or < 1e-4, or
/// the largest is more than 1,000 times the smallest; fixed otherwise. In fixed notation
/// the points align (integer parts padded left, fractions padded right with spaces); in
/// scientific notation every mantissa has as many digits as the longest and every
/// exponent as many as the widest. `nan`, `inf` and `-inf` are right-aligned to that width.
struct FloatingPointFormat {
    /// At most this many digits after the point (NumPy's `precision`).
    static let precision = 8

    /// Whether values print as d.ddde±xx.
    let isScientific: Bool
    /// The width of the part before the point, sign included (NumPy's `pad_left`).
    let integerWidth: Int
    /// Digits after the point: padded with spaces to this width in fixed notation, with zeros in scientific.
    let fractionWidth: Int
    /// The number of exponent digits, in scientific notation.
    let exponentWidth: Int

    /// The format NumPy chooses for an array holding `values` (the values shown, when summarised).
    init<T: BinaryFloatingPoint & LosslessStringConvertible>(_ values: [T]) {
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        var isScientific = false
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            isScientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
        }
        let parts = finite.map { FloatingPointFormat.parts(of: $0, scientific: isScientific) }
        var integerWidth = parts.map(\.integer.count).max() ?? 0
        let fractionWidth = parts.map(\.fraction.count).max() ?? 0
        let exponentWidth = parts.map { $0.exponent.count - 1 }.max() ?? 0
        if finite.count != values.count {
            // Room for "nan", "inf" or "-inf" across the whole field, point included.
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            let beyondPoint = (parts.isEmpty ? 0 : isScientific ? exponentWidth + 2 + fractionWidth : fractionWidth) + 1
            integerWidth = Swift.max(integerWidth, 3 + negativeInfinity - beyondPoint)
        }
        self.isScientific = isScientific
        self.fractionWidth = fractionWidth
        self.exponentWidth = exponentWidth
        self.integerWidth = integerWidth
    }

    /// `value` in this format, padded to the common width.
    func callAsFunction<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) -> String {
        guard value.isFinite else {
            let text = value.isNaN ? "nan" : value < 0 ? "-inf" : "inf"
            let beyondPoint = isScientific ? exponentWidth + 2 + fractionWidth : fractionWidth
            return padded(text, toWidth: integerWidth + 1 + beyondPoint)
        }
        guard isScientific else {
            let parts = FloatingPointFormat.parts(of: value, scientific: false)
            return padded(parts.integer, toWidth: integerWidth) + "." + parts.fraction
                + String(repeating: " ", count: fractionWidth - parts.fraction.count)
        }
        // Every mantissa gets the common number of digits, the value rounded to them (so float32
        // 1e-5 prints 9.9999997e-06 beside 3.3333334e-01, as NumPy prints it: not zeros).
        let parts = FloatingPointFormat.scientificParts(of: value, fractionDigits: fractionWidth)
        let exponentDigits = parts.exponent.dropFirst()
        let exponent = parts.exponent.prefix(1) + String(repeating: "0", count: exponentWidth - exponentDigits.count) + exponentDigits
        return padded(parts.integer, toWidth: integerWidth) + "." + parts.fraction + "e" + exponent
    }

    /// `text` right-aligned in `width` characters.
    private func padded(_ text: String, toWidth width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    /// A finite value's integer part (with its sign), digits after the point (trailing zeros
    /// dropped) and, in scientific notation, exponent (sign and at least two digits): the
    /// shortest digits that round-trip, or the value correctly rounded to `precision` digits
    /// after the point when those are more.
    private static func parts<T: BinaryFloatingPoint & LosslessStringConvertible>(
        of value: T, scientific: Bool
    ) -> (integer: String, fraction: String, exponent: String) {
        let shortest = ShortestDigits(value)
        let sign = value.sign == .minus ? "-" : ""
        let digits = shortest.digits
        if scientific {
            // d₁.d₂d₃… × 10^(point − 1)
            let exponent = shortest.digits == "0" ? 0 : shortest.point - 1
            if digits.count - 1 <= precision {
                return (sign + digits.prefix(1), String(digits.dropFirst()), exponentText(exponent))
            }
            let rounded = scientificParts(of: value, fractionDigits: precision)
            return (rounded.integer, trimmingZeros(Substring(rounded.fraction)), rounded.exponent)
        }
        if digits.count - shortest.point <= precision {
            let integer = shortest.point <= 0 ? "0"
                : String(digits.prefix(shortest.point)) + String(repeating: "0", count: Swift.max(0, shortest.point - digits.count))
            let fraction = shortest.point >= digits.count ? ""
                : String(repeating: "0", count: Swift.max(0, -shortest.point)) + digits.dropFirst(Swift.max(0, shortest.point))
            return (sign + integer, fraction, "")
        }
        let rounded = String(format: "%.\(precision)f", Double(Swift.abs(value)))
        return (sign + rounded.prefix { $0 != "." }, trimmingZeros(rounded.drop { $0 != "." }.dropFirst()), "")
    }

    /// A finite value correctly rounded to `fractionDigits` digits after the point in scientific
    /// notation (C's `%.*e`): its integer digit with the sign, those digits and the exponent.
    private static func scientificParts<T: BinaryFloatingPoint>(
        of value: T, fractionDigits: Int
    ) -> (integer: String, fraction: String, exponent: String) {
        let rounded = String(format: "%.\(fractionDigits)e", Double(Swift.abs(value)))
        let mantissa = rounded.prefix { $0 != "e" }
        let exponent = Int(rounded.drop { $0 != "e" }.dropFirst())!
        return ((value.sign == .minus ? "-" : "") + mantissa.prefix { $0 != "." },
                String(mantissa.drop { $0 != "." }.dropFirst()), exponentText(exponent))
    }

    /// An exponent as NumPy writes it: a sign and at least two digits.
    private static func exponentText(_ exponent: Int) -> String {
        let digits = String(Swift.abs(exponent))
        return (exponent < 0 ? "-" : "+") + String(repeating: "0", count: Swift.max(0, 2 - digits.count)) + digits
    }

    /// `fraction` without its trailing zeros.
    private static func trimmingZeros(_ fraction: Substring) -> String {
        String(fraction.reversed().drop { $0 == "0" }.reversed())
    }
}

/// The shortest decimal digits that read back as a finite value (Swift's `description`, the
/// same digits as Python's `repr`): |value| = 0.d₁d₂…dₙ × 10^point, with d₁ ≠ 0 unless the
/// value is zero (digits "0").
private struct ShortestDigits {
    /// d₁d₂…dₙ, without leading or trailing zeros ("0" for zero).
    let digits: String
    /// Where the point goes: the number of digits before it (≤ 0 puts zeros after it first).
    let point: Int

    init<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) {
        // `description` writes 123.45, 0.0001, 1e-05 or 1.5e+16.
        let text = Swift.abs(value).description
        let mantissa = text.prefix { $0 != "e" }
        let exponent = Int(text.drop { $0 != "e" }.dropFirst()) ?? 0
        let integer = mantissa.prefix { $0 != "." }
        var all = Substring(integer + mantissa.drop { $0 != "." }.dropFirst())
        var point = integer.count + exponent
        while all.count > 1, all.first == "0" {
            all = all.dropFirst()
            point -= 1
        }
        while all.count > 1, all.last == "0" { all = all.dropLast() }
        digits = String(all)
        self.point = digits == "0" ? 1 : point
    }
}
