/// A line chart of one or more named series, with round-valued axes, a title,
/// axis titles and a legend: for example training loss per epoch.
///
///     let chart = LineChart(
///         title: "Accuracy", xLabel: "epoch", yLabel: "accuracy (%)",
///         series: [Series(name: "train", values: trainAccuracy),
///                  Series(name: "test", values: testAccuracy)])
///     try chart.svg().write(to: url, atomically: true, encoding: .utf8)
///
/// Use ``sideBySide(_:)`` to put a loss chart and an accuracy chart in one file.
public struct LineChart: Plot {
    /// One named line: its points in drawing order.
    public struct Series: Sendable {
        /// The name shown in the legend.
        public var name: String
        /// The (x, y) points, joined in order; non-finite points are not drawn.
        public var points: [(x: Double, y: Double)]

        /// A series through `points`, in order.
        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }

        /// A series of one value per epoch: `values[i]` is drawn at x = i + 1.
        public init(name: String, values: [Double]) {
            self.init(name: name, points: values.enumerated().map { (Double($0.offset + 1), $0.element) })
        }
    }

    /// A shaded region between a lower and an upper curve, such as a ±2σ band.
    public struct Band: Sendable {
        /// The name shown in the legend.
        public var name: String
        /// The (x, lower, upper) points in drawing order; non-finite points are not drawn.
        public var points: [(x: Double, lower: Double, upper: Double)]

        /// A band through `points`, in order.
        public init(name: String, points: [(x: Double, lower: Double, upper: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// The title above the chart.
    public var title: String
    /// The title under the x axis.
    public var xLabel: String
    /// The title beside the y axis.
    public var yLabel: String
    /// The lines, drawn in order with colors from a ten-color palette.
    public var series: [Series]
    /// Shaded bands, drawn under the lines in the colors that follow the lines'.
    public var bands: [Band]
    /// The y range to cover, such as `0...100` for a percentage; `nil` covers the data.
    public var yRange: ClosedRange<Double>?
    /// The chart's width in pixels.
    public var width: Double
    /// The chart's height in pixels.
    public var height: Double

    /// A chart of `series`; the axes are extended to round tick values.
    public init(
        title: String, xLabel: String, yLabel: String, series: [Series], bands: [Band] = [],
        yRange: ClosedRange<Double>? = nil, width: Double = 520, height: Double = 360
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.bands = bands
        self.yRange = yRange
        self.width = width
        self.height = height
    }

    /// The title, legend, axes and one `<polyline>` per series.
    public func elements() -> String {
        let area = plotArea
        var svg = svgText(title, x: width / 2, y: 22, anchor: .middle, size: 15, weight: "bold")
        svg += legend(top: 34)
        svg += area.axes(xTicks: xTicks, yTicks: yTicks, xLabel: xLabel, yLabel: yLabel)
        for (index, band) in bands.enumerated() {
            let points = band.points.filter { $0.x.isFinite && $0.lower.isFinite && $0.upper.isFinite }
            let outline = points.map { (x: $0.x, y: $0.upper) } + points.reversed().map { (x: $0.x, y: $0.lower) }
            let coordinates = outline.map { point in
                let pixel = area.pixel(x: point.x, y: point.y)
                return "\(svgNumber(pixel.x)),\(svgNumber(pixel.y))"
            }
            svg += "<polygon points=\"\(coordinates.joined(separator: " "))\" fill=\"\(paletteColor(series.count + index))\""
                + " fill-opacity=\"0.3\" stroke=\"none\"/>\n"
        }
        for (index, line) in series.enumerated() {
            let coordinates = finitePoints(line).map { point in
                let pixel = area.pixel(x: point.x, y: point.y)
                return "\(svgNumber(pixel.x)),\(svgNumber(pixel.y))"
            }
            svg += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\""
                + " stroke=\"\(paletteColor(index))\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
        }
        return svg
    }

    // MARK: - Layout

    /// The plot rectangle inside the margins, spanning the tick ranges.
    var plotArea: PlotArea {
        let (x, y) = (xTicks.values, yTicks.values)
        return PlotArea(
            left: 64, top: 56, width: width - 64 - 20, height: height - 56 - 48,
            xRange: x.first!...x.last!, yRange: y.first!...y.last!)
    }

    /// Ticks covering every finite x.
    private var xTicks: NiceTicks {
        NiceTicks(covering: Self.span(of: allFinitePoints.map(\.x)))
    }

    /// Ticks covering `yRange`, or every finite y when it is `nil`.
    private var yTicks: NiceTicks {
        NiceTicks(covering: yRange ?? Self.span(of: allFinitePoints.map(\.y)))
    }

    /// The finite points of every series and both edges of every band.
    private var allFinitePoints: [(x: Double, y: Double)] {
        series.flatMap(finitePoints) + bands.flatMap { band in
            band.points.flatMap { [(x: $0.x, y: $0.lower), (x: $0.x, y: $0.upper)] }.filter { $0.x.isFinite && $0.y.isFinite }
        }
    }

    /// The smallest range holding `values`, or `0...1` when there are none.
    private static func span(of values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        return low...high
    }

    /// The points of `line` with finite coordinates.
    private func finitePoints(_ line: Series) -> [(x: Double, y: Double)] {
        line.points.filter { $0.x.isFinite && $0.y.isFinite }
    }

    /// One colored swatch and name per series and band, in a row centered under the title.
    private func legend(top: Double) -> String {
        // Helvetica at 12 px averages about 7 px per character.
        let names = series.map(\.name) + bands.map(\.name)
        let widths = names.map { 28 + 7 * Double($0.count) }
        var x = (width - widths.reduce(0, +)) / 2
        var svg = ""
        for (index, name) in names.enumerated() {
            svg += svgLine(from: (x, top - 4), to: (x + 16, top - 4), stroke: paletteColor(index), strokeWidth: index < series.count ? 3 : 8)
            svg += svgText(name, x: x + 20, y: top)
            x += widths[index]
        }
        return svg
    }
}
