import Autograd
import Foundation

/// A one-line progress report for a training run:
///
///     epoch  7/40 [█████░░░░░░░░░░░░░░░░░░░░░░░░░] loss 0.1234  acc 96.1%  eta 3.2s
///
/// On a terminal the line is redrawn in place; when standard output is a file
/// or a pipe (logs, CI) each update prints a line of its own.
///
///     var progress = ProgressBar(total: epochs)
///     for epoch in 1...epochs {
///         ...
///         progress.update(completed: epoch, fields: ["loss": String(format: "%.4f", loss)])
///     }
///     progress.finish()
public struct ProgressBar: Sendable {
    /// The number of steps in the run.
    public let total: Int
    /// The number of characters between the brackets.
    public let width: Int
    /// The word before the counter, such as `epoch`.
    public let label: String
    /// When the bar was created; the ETA extrapolates from the time since.
    private let start = ContinuousClock.now
    /// Whether standard output is a terminal, so lines are redrawn in place.
    private let redraws = isatty(STDOUT_FILENO) == 1
    /// Whether a redrawn line is showing and needs a newline to end it.
    private var lineIsOpen = false

    /// A bar for a run of `total` steps.
    /// - Precondition: `total > 0` and `width > 0`.
    public init(total: Int, width: Int = 30, label: String = "epoch") {
        check(total > 0 && width > 0, "ProgressBar: total and width must be positive, got \(total), \(width)")
        self.total = total
        self.width = width
        self.label = label
    }

    /// Shows that `completed` steps are done, with `fields` (such as the loss)
    /// after the bar.
    public mutating func update(completed: Int, fields: KeyValuePairs<String, String> = [:]) {
        let elapsed = start.duration(to: .now) / .seconds(1)
        let line = Self.render(
            completed: completed, total: total, elapsedSeconds: elapsed, fields: fields, label: label, width: width)
        if redraws {
            // Carriage return, the line, then erase whatever a longer previous line left.
            print("\r\(line)\u{1B}[K", terminator: "")
            fflush(nil)
            lineIsOpen = true
        } else {
            print(line)
        }
    }

    /// Ends the line on a terminal, so later output starts on a line of its own.
    public mutating func finish() {
        if lineIsOpen { print() }
        lineIsOpen = false
    }

    /// The progress line for `completed` of `total` steps after `elapsedSeconds`:
    /// the counter, the bar, `fields` as `key value` pairs, and the estimated
    /// time left (or, once complete, the time taken).
    ///
    /// The bar fills `⌊width · completed / total⌋` cells; `completed` is clamped to `0...total`.
    public static func render(
        completed: Int, total: Int, elapsedSeconds: Double, fields: KeyValuePairs<String, String> = [:],
        label: String = "epoch", width: Int = 30
    ) -> String {
        let done = min(max(completed, 0), total)
        let counter = String(repeating: " ", count: String(total).count - String(done).count) + "\(done)/\(total)"
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let time: String
        if done == total {
            time = "took " + formatDuration(elapsedSeconds)
        } else {
            time = "eta " + (estimatedSecondsLeft(completed: done, total: total, elapsedSeconds: elapsedSeconds)
                .map(formatDuration) ?? "--")
        }
        let parts = fields.map { "\($0.key) \($0.value)" } + [time]
        return "\(label) \(counter) [\(bar)] " + parts.joined(separator: "  ")
    }

    /// The time left if the remaining steps take as long as the completed ones
    /// did on average, or `nil` before the first step completes.
    ///
    ///     left = elapsed · (total − completed) / completed
    public static func estimatedSecondsLeft(completed: Int, total: Int, elapsedSeconds: Double) -> Double? {
        guard completed > 0 else { return nil }
        return elapsedSeconds * Double(total - completed) / Double(completed)
    }

    /// A short duration: `3.2s` under a minute, `4m05s` under an hour, `2h07m` beyond.
    public static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        if seconds < 59.95 { return String(format: "%.1fs", max(seconds, 0)) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60)
    }
}
