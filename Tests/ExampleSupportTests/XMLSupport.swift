import FoundationXML
import Testing

/// The root element of `svg`, which must be well-formed XML.
func parseSVG(_ svg: String) throws -> XMLElement {
    let document = try XMLDocument(xmlString: svg)
    return try #require(document.rootElement())
}

/// Every element under `root` whose local name matches `path`'s steps, such as
/// `"polyline"` anywhere, or `"g/rect"` for rects whose parent is a group.
func elements(_ path: String, in root: XMLElement) throws -> [XMLElement] {
    let steps = path.split(separator: "/").map { "*[local-name()='\($0)']" }
    return try root.nodes(forXPath: "//" + steps.joined(separator: "/")).compactMap { $0 as? XMLElement }
}

/// The value of `element`'s attribute `name`. (FoundationXML's
/// `attribute(forName:)` finds nothing on elements in the SVG namespace, so
/// this searches the attribute list.)
func attribute(_ name: String, of element: XMLElement) -> String? {
    element.attributes?.first { $0.name == name }?.stringValue
}

/// The numeric value of `element`'s attribute `name`.
func number(_ name: String, of element: XMLElement) throws -> Double {
    let text = try #require(attribute(name, of: element))
    return try #require(Double(text))
}

/// The `points` attribute of a `<polyline>` as (x, y) pairs.
func polylinePoints(_ polyline: XMLElement) throws -> [(x: Double, y: Double)] {
    let text = try #require(attribute("points", of: polyline))
    return try text.split(separator: " ").map { pair in
        let coordinates = pair.split(separator: ",").compactMap { Double($0) }
        try #require(coordinates.count == 2)
        return (coordinates[0], coordinates[1])
    }
}
