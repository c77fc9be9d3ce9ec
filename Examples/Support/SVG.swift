import Foundation

/// A figure that draws itself in a `width` × `height` box, so it can be saved
/// on its own with ``svg()`` or next to others with ``sideBySide(_:)``.
public protocol Plot: Sendable {
    /// The figure's width in pixels.
    var width: Double { get }
    /// The figure's height in pixels.
    var height: Double { get }
    /// The SVG elements that draw the figure, with the origin at the top left
    /// of its box and without an enclosing `<svg>` element.
    func elements() -> String
}

extension Plot {
    /// A standalone SVG document holding this figure on a white background.
    public func svg() -> String {
        svgDocument(width: width, height: height, content: elements())
    }
}

/// A standalone SVG document with `plots` placed left to right, top-aligned:
/// for example a loss chart next to an accuracy chart.
public func sideBySide(_ plots: [any Plot]) -> String {
    var x = 0.0
    var content = ""
    for plot in plots {
        content += "<g transform=\"translate(\(svgNumber(x)),0)\">\n\(plot.elements())</g>\n"
        x += plot.width
    }
    return svgDocument(width: x, height: plots.map(\.height).max() ?? 0, content: content)
}

/// `text` with the five XML special characters replaced by entities, safe
/// inside element content and inside single- or double-quoted attributes.
///
///     xmlEscaped("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;"
public func xmlEscaped(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&apos;"
        default: escaped.append(character)
        }
    }
    return escaped
}

// MARK: - Element helpers

/// A coordinate rounded to two decimals, without trailing zeros: `12.5`, `3`.
func svgNumber(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
}

/// The `<svg>` root with namespace, size, view box and a white background.
func svgDocument(width: Double, height: Double, content: String) -> String {
    let (w, h) = (svgNumber(width), svgNumber(height))
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
        font-family="Helvetica, Arial, sans-serif">
        <rect width="\(w)" height="\(h)" fill="white"/>
        \(content)</svg>

        """
}

/// Where a `<text>` element's anchor point sits on the text.
enum TextAnchor: String {
    case start, middle, end
}

/// A `<text>` element; `rotation` turns it (in degrees, clockwise) about its anchor point.
func svgText(
    _ text: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double = 12,
    weight: String = "normal", rotation: Double = 0
) -> String {
    let (px, py) = (svgNumber(x), svgNumber(y))
    let transform = rotation == 0 ? "" : " transform=\"rotate(\(svgNumber(rotation)) \(px) \(py))\""
    return "<text x=\"\(px)\" y=\"\(py)\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(svgNumber(size))\""
        + " font-weight=\"\(weight)\"\(transform)>\(xmlEscaped(text))</text>\n"
}

/// A `<line>` element `strokeWidth` pixels wide.
func svgLine(
    from start: (x: Double, y: Double), to end: (x: Double, y: Double), stroke: String, strokeWidth: Double = 1
) -> String {
    "<line x1=\"\(svgNumber(start.x))\" y1=\"\(svgNumber(start.y))\" x2=\"\(svgNumber(end.x))\""
        + " y2=\"\(svgNumber(end.y))\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(strokeWidth))\"/>\n"
}

/// A `<rect>` element; `style` holds further attributes, such as `fill="#fff"`.
func svgRect(x: Double, y: Double, width: Double, height: Double, style: String) -> String {
    "<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(width))\""
        + " height=\"\(svgNumber(height))\" \(style)/>\n"
}

/// Ten distinguishable colors (Tableau 10), for series and classes; index
/// modulo ten, so an eleventh series reuses the first color.
func paletteColor(_ index: Int) -> String {
    let colors = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]
    return colors[((index % colors.count) + colors.count) % colors.count]
}
