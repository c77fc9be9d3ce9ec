@testable import ExampleSupport
import FoundationXML
import Testing

@Suite("Line chart")
struct LineChartTests {
    /// Points spanning 0...20 × 0...10, whose ticks are exactly those ranges.
    let chart = LineChart(
        title: "Training", xLabel: "epoch", yLabel: "loss",
        series: [
            .init(name: "train", points: [(0, 0), (10, 5), (20, 10)]),
            .init(name: "test", points: [(0, 10), (.nan, 3), (20, 0)]),
        ])

    @Test("A standalone document with namespace, size and view box")
    func document() throws {
        let svg = chart.svg()
        #expect(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        let root = try parseSVG(svg)
        #expect(root.name == "svg")
        #expect(attribute("viewBox", of: root) == "0 0 520 360")
    }

    @Test("One polyline per series, one vertex per finite point")
    func polylines() throws {
        let lines = try elements("polyline", in: parseSVG(chart.svg()))
        #expect(try lines.map { try polylinePoints($0).count } == [3, 2])
    }

    @Test("Data corners map to the plot area's corners, the middle to its center")
    func pixelPositions() throws {
        let area = chart.plotArea
        #expect(area.xRange == 0...20 && area.yRange == 0...10)
        let train = try polylinePoints(try #require(elements("polyline", in: parseSVG(chart.svg())).first))
        let (right, bottom) = (area.left + area.width, area.top + area.height)
        let center = (area.left + area.width / 2, area.top + area.height / 2)
        let expected = [(area.left, bottom), center, (right, area.top)]
        for (point, pixel) in zip(train, expected) {
            #expect(abs(point.x - pixel.0) <= 0.005 && abs(point.y - pixel.1) <= 0.005)
        }
    }

    @Test("Axes are labelled at the ticks, the legend names every series")
    func labels() throws {
        let texts = try elements("text", in: parseSVG(chart.svg())).map(\.stringValue)
        for label in ["0", "5", "10", "15", "20", "2", "4", "6", "8", "Training", "epoch", "loss", "train", "test"] {
            #expect(texts.contains(label), "missing \(label)")
        }
    }

    @Test("A fixed y range overrides the data's")
    func fixedRange() {
        let accuracy = LineChart(
            title: "Accuracy", xLabel: "epoch", yLabel: "%", series: [.init(name: "train", values: [50, 80, 90])],
            yRange: 0...100)
        #expect(accuracy.plotArea.yRange == 0...100)
        #expect(accuracy.plotArea.xRange == 1...3)
    }

    @Test("A diverged loss near the largest Double draws every finite point inside the plot area")
    func divergedLoss() throws {
        let diverged = LineChart(
            title: "Loss", xLabel: "epoch", yLabel: "loss",
            series: [.init(name: "train", values: [1, 1e308, -1e308, .greatestFiniteMagnitude, .nan]),
                     .init(name: "never finite", values: [.nan, .infinity])])
        let area = diverged.plotArea
        #expect(area.yRange.lowerBound.isFinite && area.yRange.upperBound.isFinite)
        let lines = try elements("polyline", in: parseSVG(diverged.svg()))
        let points = try polylinePoints(try #require(lines.first))
        #expect(points.count == 4)
        for point in points {
            #expect((area.left - 0.005...area.left + area.width + 0.005).contains(point.x))
            #expect((area.top - 0.005...area.top + area.height + 0.005).contains(point.y))
        }
        #expect(try polylinePoints(lines[1]).isEmpty)
    }

    @Test("A band is one polygon along its upper edge and back along its lower edge, inside the axes, named in the legend")
    func band() throws {
        let chart = LineChart(
            title: "Forecast", xLabel: "year", yLabel: "ppm", series: [.init(name: "mean", points: [(0, 5), (20, 5)])],
            bands: [.init(name: "±2σ", points: [(0, 0, 10), (10, .nan, 3), (20, 2, 8)])])
        let area = chart.plotArea
        #expect(area.yRange == 0...10, "the y axis covers the band, not only the line")
        let root = try parseSVG(chart.svg())
        let polygons = try elements("polygon", in: root)
        #expect(polygons.count == 1)
        let points = try polylinePoints(try #require(polygons.first))
        let (right, bottom) = (area.left + area.width, area.top + area.height)
        // Upper edge left to right, then lower edge right to left; the NaN point is left out.
        let expected = [(area.left, area.top), (right, area.top + 0.2 * area.height),
                        (right, area.top + 0.8 * area.height), (area.left, bottom)]
        #expect(points.count == expected.count)
        for (point, pixel) in zip(points, expected) {
            #expect(abs(point.x - pixel.0) <= 0.005 && abs(point.y - pixel.1) <= 0.005)
        }
        #expect(try elements("text", in: root).map(\.stringValue).contains("±2σ"))
    }
}
