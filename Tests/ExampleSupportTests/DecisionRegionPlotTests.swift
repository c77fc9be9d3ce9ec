@testable import ExampleSupport
import FoundationXML
import Testing

@Suite("Decision region plot")
struct DecisionRegionPlotTests {
    @Test("Cell centers run row by row from the bottom left")
    func cellCenters() {
        let grid = RegionGrid(x: 0...2, y: 0...4, columns: 2, rows: 2)
        #expect(grid.cellCenters.map { [$0.x, $0.y] } == [[0.5, 1], [1.5, 1], [0.5, 3], [1.5, 3]])
    }

    @Test("One translucent rectangle per cell and one circle per point")
    func elementCounts() throws {
        let grid = RegionGrid(x: -1...1, y: -1...1, columns: 4, rows: 3)
        let plot = DecisionRegionPlot(
            title: "regions", grid: grid, cellClasses: Array(repeating: [0, 1, 2], count: 4).flatMap { $0 },
            points: [(-0.5, 0.5, 0), (0.5, -0.5, 1)])
        let root = try parseSVG(plot.svg())
        #expect(try elements("g/rect", in: root).count == 12)
        let circles = try elements("circle", in: root)
        #expect(circles.count == 2)
        #expect(circles.map { attribute("fill", of: $0) } == [paletteColor(0), paletteColor(1)])
    }

    @Test("Cells tile the plot area: the first at the bottom left, the last at the top right")
    func cellPositions() throws {
        let grid = RegionGrid(x: 0...1, y: 0...1, columns: 2, rows: 2)
        let plot = DecisionRegionPlot(title: "t", grid: grid, cellClasses: [0, 1, 1, 0], points: [])
        let area = plot.plotArea
        let cells = try elements("g/rect", in: parseSVG(plot.svg()))
        let first = try #require(cells.first), last = try #require(cells.last)
        #expect(try number("x", of: first) == area.left)
        #expect(try number("y", of: first) + number("height", of: first) == area.top + area.height)
        #expect(try number("x", of: last) + number("width", of: last) == area.left + area.width)
        #expect(try number("y", of: last) == area.top)
        #expect(cells.map { attribute("fill", of: $0) } == [0, 1, 1, 0].map(paletteColor))
    }

    @Test("A class count that does not match the grid traps")
    func mismatchedCountTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = DecisionRegionPlot(title: "t", grid: RegionGrid(x: 0...1, y: 0...1, columns: 2, rows: 2),
                                   cellClasses: [0, 1, 0], points: [])
        }
    }
}
