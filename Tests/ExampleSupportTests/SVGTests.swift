@testable import ExampleSupport
import FoundationXML
import Testing

@Suite("SVG")
struct SVGTests {
    @Test("XML escaping replaces the five special characters")
    func escaping() {
        #expect(xmlEscaped("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e")
        #expect(xmlEscaped("plain ✓") == "plain ✓")
    }

    @Test("Escaped text survives a round trip through an XML parser")
    func escapedTitleParses() throws {
        let title = "loss & <accuracy> \"so far\""
        let chart = LineChart(title: title, xLabel: "x", yLabel: "y", series: [])
        let texts = try elements("text", in: parseSVG(chart.svg())).map(\.stringValue)
        #expect(texts.contains(title))
    }

    @Test("Coordinates are written with at most two decimals")
    func numbers() {
        #expect([svgNumber(3), svgNumber(12.5), svgNumber(1 / 3), svgNumber(-0.001)] == ["3", "12.5", "0.33", "0"])
    }

    @Test("Side by side places plots left to right in one document")
    func sideBySideDocument() throws {
        let loss = LineChart(title: "loss", xLabel: "epoch", yLabel: "loss", series: [], width: 300, height: 200)
        let accuracy = LineChart(title: "accuracy", xLabel: "epoch", yLabel: "%", series: [], width: 400, height: 250)
        let root = try parseSVG(sideBySide([loss, accuracy]))
        #expect(root.name == "svg")
        #expect(attribute("viewBox", of: root) == "0 0 700 250")
        let groups = try elements("svg/g", in: root).compactMap { attribute("transform", of: $0) }
        #expect(groups == ["translate(0,0)", "translate(300,0)"])
    }
}
