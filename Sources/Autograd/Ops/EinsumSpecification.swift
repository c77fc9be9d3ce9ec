// MARK: - Einsum specification

/// A parsed and checked `einsum` specification such as `"bij,bjk->bik"`: one list of index labels
/// per operand, the output's labels, and the size of every label.
///
/// Labels are ASCII letters; spaces are ignored. Without `->` the output is the labels appearing
/// exactly once in the whole specification, sorted (NumPy's implicit mode). The ellipsis `...`
/// is not supported yet and traps.
struct EinsumSpecification {
    /// The labels of each operand's axes, in order (a label may repeat: a diagonal).
    let inputs: [[Character]]
    /// The labels of the result's axes, each once.
    let output: [Character]
    /// The size of every label's axes.
    let sizes: [Character: Int]

    /// Parses `specification` for operands of `shapes`, trapping with a message naming `einsum`,
    /// the specification and the shapes when it is malformed or does not fit the shapes.
    init(_ specification: String, shapes: [[Int]]) {
        func fail(_ problem: String) -> Never {
            checkFailed("einsum: \(problem) in \"\(specification)\" for operands of shapes \(shapes)")
        }
        let text = specification.filter { $0 != " " }
        if text.contains("...") { fail("the ellipsis \"...\" is not supported") }
        let sides = text.split(separator: "->", omittingEmptySubsequences: false)
        if sides.count > 2 { fail("more than one \"->\"") }
        let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        for character in inputs.joined() + (sides.count == 2 ? Array(sides[1]) : []) where !isLabel(character) {
            fail("\"\(character)\" is not an index letter")
        }
        if shapes.isEmpty { fail("no operands") }
        if inputs.count != shapes.count { fail("\(inputs.count) input terms for \(shapes.count) operands") }
        var sizes: [Character: Int] = [:]
        for (labels, shape) in zip(inputs, shapes) {
            if labels.count != shape.count {
                fail("term \"\(String(labels))\" has \(labels.count) indices for an operand of rank \(shape.count)")
            }
            for (label, size) in zip(labels, shape) {
                if let known = sizes[label], known != size { fail("index \(label) has sizes \(known) and \(size)") }
                sizes[label] = size
            }
        }
        let output: [Character]
        if sides.count == 2 {
            output = Array(sides[1])
            for label in output where sizes[label] == nil { fail("output index \(label) is in no input") }
            if Set(output).count != output.count { fail("an output index repeats") }
        } else {
            let counts = Dictionary(inputs.joined().map { ($0, 1) }, uniquingKeysWith: +)
            output = counts.filter { $0.value == 1 }.keys.sorted()
        }
        (self.inputs, self.output, self.sizes) = (inputs, output, sizes)
    }
}

/// Whether `character` may name an index: an ASCII letter.
private func isLabel(_ character: Character) -> Bool {
    character.isASCII && character.isLetter
}
