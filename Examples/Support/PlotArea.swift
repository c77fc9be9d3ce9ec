/// The rectangle of a figure where data is drawn, and the linear map from data
/// coordinates to pixels (y grows upward in data, downward in pixels).
struct PlotArea {
    /// The rectangle's left edge, in pixels from the figure's left edge.
    let left: Double
    /// The rectangle's top edge, in pixels from the figure's top edge.
    let top: Double
    /// The rectangle's width in pixels.
    let width: Double
    /// The rectangle's height in pixels.
    let height: Double
    /// The data range shown from the left edge to the right edge.
    let xRange: ClosedRange<Double>
    /// The data range shown from the bottom edge to the top edge.
    let yRange: ClosedRange<Double>

    /// The pixel position of the data point (`x`, `y`).
    ///
    ///     px = left + width · (x − x₀) / (x₁ − x₀)
    ///     py = top + height · (y₁ − y) / (y₁ − y₀)
    func pixel(x: Double, y: Double) -> (x: Double, y: Double) {
        (left + width * Self.fraction(of: x, in: xRange), top + height * (1 - Self.fraction(of: y, in: yRange)))
    }

    /// Where `value` lies in `range`: 0 at the lower bound, 1 at the upper. Every term
    /// is halved first, so the differences stay finite for finite operands, even
    /// for a range from −`Double.greatestFiniteMagnitude` to +`Double.greatestFiniteMagnitude`.
    private static func fraction(of value: Double, in range: ClosedRange<Double>) -> Double {
        (value / 2 - range.lowerBound / 2) / (range.upperBound / 2 - range.lowerBound / 2)
    }

    /// Grid lines and labels at the ticks inside the ranges, a frame around the
    /// rectangle, and the axis titles.
    func axes(xTicks: NiceTicks, yTicks: NiceTicks, xLabel: String, yLabel: String) -> String {
        var svg = ""
        let (right, bottom) = (left + width, top + height)
        for x in xTicks.values where xRange.contains(x) {
            let px = pixel(x: x, y: yRange.lowerBound).x
            svg += svgLine(from: (px, top), to: (px, bottom), stroke: "#e5e5e5")
            svg += svgText(xTicks.label(x), x: px, y: bottom + 16, anchor: .middle, size: 11)
        }
        for y in yTicks.values where yRange.contains(y) {
            let py = pixel(x: xRange.lowerBound, y: y).y
            svg += svgLine(from: (left, py), to: (right, py), stroke: "#e5e5e5")
            svg += svgText(yTicks.label(y), x: left - 6, y: py + 4, anchor: .end, size: 11)
        }
        svg += svgRect(x: left, y: top, width: width, height: height, style: "fill=\"none\" stroke=\"#444\"")
        svg += svgText(xLabel, x: left + width / 2, y: bottom + 36, anchor: .middle)
        svg += svgText(yLabel, x: left - 46, y: top + height / 2, anchor: .middle, rotation: -90)
        return svg
    }
}
