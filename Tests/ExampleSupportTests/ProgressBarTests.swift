import ExampleSupport
import Testing

@Suite("Progress bar")
struct ProgressBarTests {
    @Test("A line shows the padded counter, the bar, the fields and the ETA")
    func renderInProgress() {
        // 7 of 40 in 7 s: ⌊20 · 7 / 40⌋ = 3 cells filled; 33 steps left at 1 s each.
        let line = ProgressBar.render(
            completed: 7, total: 40, elapsedSeconds: 7, fields: ["loss": "0.1234", "acc": "96.1%"], width: 20)
        #expect(line == "epoch  7/40 [███░░░░░░░░░░░░░░░░░] loss 0.1234  acc 96.1%  eta 33.0s")
    }

    @Test("Before the first step the ETA is unknown")
    func renderAtStart() {
        let line = ProgressBar.render(completed: 0, total: 5, elapsedSeconds: 0.2, label: "step", width: 5)
        #expect(line == "step 0/5 [░░░░░] eta --")
    }

    @Test("A complete run shows a full bar and the time taken; overshoot is clamped")
    func renderComplete() {
        let expected = "epoch 10/10 [████] took 1m05s"
        #expect(ProgressBar.render(completed: 10, total: 10, elapsedSeconds: 65, width: 4) == expected)
        #expect(ProgressBar.render(completed: 12, total: 10, elapsedSeconds: 65, width: 4) == expected)
    }

    @Test("The ETA extrapolates the mean time per step", arguments: [
        (1, 4, 2.0, 6.0 as Double?),  // 2 s per step, 3 left
        (3, 4, 3.0, 1.0),             // 1 s per step, 1 left
        (4, 4, 9.0, 0.0),
        (0, 4, 1.0, nil),
    ])
    func estimatedTimeLeft(completed: Int, total: Int, elapsed: Double, expected: Double?) {
        let left = ProgressBar.estimatedSecondsLeft(completed: completed, total: total, elapsedSeconds: elapsed)
        #expect(left == expected)
    }

    @Test("Durations read as seconds, minutes or hours", arguments: [
        (0.0, "0.0s"), (3.24, "3.2s"), (59.96, "1m00s"), (245, "4m05s"), (7620, "2h07m"), (.infinity, "--"),
    ])
    func durations(seconds: Double, expected: String) {
        #expect(ProgressBar.formatDuration(seconds) == expected)
    }
}
