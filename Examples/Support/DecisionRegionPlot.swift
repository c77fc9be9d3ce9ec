import Autograd

/// A rectangle of the plane cut into equal cells, row by row from the bottom
/// left: the points where a 2-D classifier is evaluated for a region plot.
///
///     let grid = RegionGrid(x: -1...1, y: -1...1, columns: 80, rows: 80)
///     let classes = grid.cellCenters.map { predict($0.x, $0.y) }
public struct RegionGrid: Sendable {
    /// The x range covered, from the left edge of the first column to the right edge of the last.
    public var xRange: ClosedRange<Double>
    /// The y range covered, from the bottom edge of the first row to the top edge of the last.
    public var yRange: ClosedRange<Double>
    /// The number of cells along x.
    public var columns: Int
    /// The number of cells along y.
    public var rows: Int

    /// A grid of `columns` × `rows` cells over `x` × `y`.
    /// - Precondition: both counts are positive and both ranges have positive width.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int) {
        check(columns > 0 && rows > 0, "RegionGrid: needs at least one cell, got \(columns) × \(rows)")
        check(x.lowerBound < x.upperBound && y.lowerBound < y.upperBound,
              "RegionGrid: ranges must have positive width, got \(x) × \(y)")
        self.xRange = x
        self.yRange = y
        self.columns = columns
        self.rows = rows
    }

    /// The width and height of one cell, in data units.
    var cellSize: (width: Double, height: Double) {
        ((xRange.upperBound - xRange.lowerBound) / Double(columns),
         (yRange.upperBound - yRange.lowerBound) / Double(rows))
    }

    /// The center of every cell, row-major from the bottom-left cell: index
    /// `row * columns + column`.
    public var cellCenters: [(x: Double, y: Double)] {
        let size = cellSize
        let xs = (0..<columns).map { xRange.lowerBound + (Double($0) + 0.5) * size.width }
        let ys = (0..<rows).map { yRange.lowerBound + (Double($0) + 0.5) * size.height }
        return ys.flatMap { y in xs.map { x in (x: x, y: y) } }
    }
}

/// The decision regions of a 2-D classifier: each grid cell filled in its
/// predicted class's color, with the labelled data points drawn on top.
///
///     let plot = DecisionRegionPlot(
///         title: "Spirals", grid: grid, cellClasses: classes,
///         points: data.map { (x: $0.x, y: $0.y, label: $0.label) })
///     try plot.svg().write(to: url, atomically: true, encoding: .utf8)
///
/// Class `k` takes color `k` of a ten-color palette (classes 10 and up reuse colors).
public struct DecisionRegionPlot: Plot {
    /// The title above the plot.
    public var title: String
    /// The cells, which also set the axes' ranges.
    public var grid: RegionGrid
    /// The predicted class of each cell, in the order of ``RegionGrid/cellCenters``.
    public var cellClasses: [Int]
    /// The data points and their true classes.
    public var points: [(x: Double, y: Double, label: Int)]
    /// The plot's width in pixels.
    public var width: Double
    /// The plot's height in pixels.
    public var height: Double

    /// A plot of `cellClasses` over `grid` with `points` on top.
    /// - Precondition: one class per cell, and no class or label is negative.
    public init(
        title: String, grid: RegionGrid, cellClasses: [Int], points: [(x: Double, y: Double, label: Int)],
        width: Double = 460, height: Double = 460
    ) {
        check(cellClasses.count == grid.columns * grid.rows,
              "DecisionRegionPlot: \(cellClasses.count) cell classes for a \(grid.columns) × \(grid.rows) grid")
        check(cellClasses.allSatisfy { $0 >= 0 } && points.allSatisfy { $0.label >= 0 },
              "DecisionRegionPlot: classes must be non-negative")
        self.title = title
        self.grid = grid
        self.cellClasses = cellClasses
        self.points = points
        self.width = width
        self.height = height
    }

    /// The title, one translucent `<rect>` per cell, the axes, and one `<circle>` per point.
    public func elements() -> String {
        let area = plotArea
        var svg = svgText(title, x: width / 2, y: 22, anchor: .middle, size: 15, weight: "bold")
        svg += "<g shape-rendering=\"crispEdges\" fill-opacity=\"0.35\">\n"
        let size = grid.cellSize
        for (center, predicted) in zip(grid.cellCenters, cellClasses) {
            let topLeft = area.pixel(x: center.x - size.width / 2, y: center.y + size.height / 2)
            let bottomRight = area.pixel(x: center.x + size.width / 2, y: center.y - size.height / 2)
            svg += svgRect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x,
                           height: bottomRight.y - topLeft.y, style: "fill=\"\(paletteColor(predicted))\"")
        }
        svg += "</g>\n"
        let (xTicks, yTicks) = (NiceTicks(covering: grid.xRange), NiceTicks(covering: grid.yRange))
        svg += area.axes(xTicks: xTicks, yTicks: yTicks, xLabel: "x", yLabel: "y")
        for point in points {
            let pixel = area.pixel(x: point.x, y: point.y)
            svg += "<circle cx=\"\(svgNumber(pixel.x))\" cy=\"\(svgNumber(pixel.y))\" r=\"3.5\""
                + " fill=\"\(paletteColor(point.label))\" stroke=\"white\" stroke-width=\"0.8\"/>\n"
        }
        return svg
    }

    /// The plot rectangle inside the margins, spanning the grid exactly.
    var plotArea: PlotArea {
        PlotArea(left: 64, top: 40, width: width - 64 - 20, height: height - 40 - 48,
                 xRange: grid.xRange, yRange: grid.yRange)
    }
}
