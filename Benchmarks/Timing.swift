import Foundation

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

/// One JSON object per line, keys in the given order, written out at once (a reader waits on it).
func emit(_ fields: KeyValuePairs<String, Any>) {
    let body = fields.map { key, value in
        let rendered = switch value {
        case let text as String: "\"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
        case let number as Double: number.isFinite ? "\(number)" : "null"
        default: "\(value)"
        }
        return "\"\(key)\": \(rendered)"
    }
    print("{" + body.joined(separator: ", ") + "}")
    fflush(nil)
}

/// The CPU model named in /proc/cpuinfo, or "unknown" where there is none.
func cpuModel() -> String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
}

/// The one-minute load average from /proc/loadavg (other processes competing for the cores), or NaN.
func loadAverage() -> Double {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").first.flatMap { Double($0) } ?? .nan
}
