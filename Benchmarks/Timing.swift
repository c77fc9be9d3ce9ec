/// The median wall-clock seconds of `repetitions` runs of `body`, after one warm-up run.
func medianSeconds(repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    let clock = ContinuousClock()
    var seconds: [Double] = []
    for _ in 0..<repetitions {
        let elapsed = try clock.measure(body)
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return seconds.sorted()[seconds.count / 2]
}

/// One JSON object per line, keys in the given order.
func emit(_ fields: KeyValuePairs<String, Any>) {
    let body = fields.map { key, value in
        let rendered = switch value {
        case let text as String: "\"\(text)\""
        case let number as Double: number.isFinite ? "\(number)" : "null"
        default: "\(value)"
        }
        return "\"\(key)\": \(rendered)"
    }
    print("{" + body.joined(separator: ", ") + "}")
}
