import AutogradTestSupport
import ExampleSupport
import Testing

/// Misuse of the chart and progress-bar types traps through the package's `check`, whose
/// message survives release builds; each runs in a child process (an exit test).
@Suite("Example support traps")
struct SupportTrapTests {
    @Test("a progress bar of zero steps")
    func emptyProgressBar() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ProgressBar(total: 0)
        }
        #expect(standardError(of: result).contains("ProgressBar: total and width must be positive, got 0, 30"))
    }

    @Test("ticks for fewer than two targets")
    func tooFewTicks() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = NiceTicks(covering: 0...1, targetCount: 1)
        }
        #expect(standardError(of: result).contains("NiceTicks: targetCount must be at least 2, got 1"))
    }

    @Test("a region grid without cells")
    func emptyGrid() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RegionGrid(x: 0...1, y: 0...1, columns: 0, rows: 3)
        }
        #expect(standardError(of: result).contains("RegionGrid: needs at least one cell, got 0 × 3"))
    }

    @Test("a region plot with the wrong number of cell classes")
    func wrongCellCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let grid = RegionGrid(x: 0...1, y: 0...1, columns: 2, rows: 2)
            _ = DecisionRegionPlot(title: "t", grid: grid, cellClasses: [0, 1, 0], points: [])
        }
        #expect(standardError(of: result).contains("DecisionRegionPlot: 3 cell classes for a 2 × 2 grid"))
    }
}
