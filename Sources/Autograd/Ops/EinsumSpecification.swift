// MARK: - Einsum specification

/// A parsed and checked `einsum` specification such as `"bij,bjk->bik"`: one list of index labels
/// per operand and the output's labels, the sizes they label checked against the operands' shapes.
///
/// Labels are ASCII letters; spaces are ignored. An ellipsis `...` (at most one a term) stands for
/// the axes a term's letters leave over; those axes broadcast across operands, aligned at the
/// right as NumPy's do, and are given labels of their own (private-use characters). Without
/// `->` the output is the ellipsis's axes, then the letters appearing exactly once in the whole
/// specification, sorted (NumPy's implicit mode).
struct EinsumSpecification {
    /// The labels of each operand's axes, in order (a letter may repeat: a diagonal).
    let inputs: [[Character]]
    /// The labels of the result's axes, each once.
    let output: [Character]

    /// Parses `specification` for operands of `shapes`, trapping with a message naming `einsum`,
    /// the specification and the shapes when it is malformed or does not fit the shapes.
    init(_ specification: String, shapes: [[Int]]) {
        func fail(_ problem: String) -> Never {
            checkFailed("einsum: \(problem) in \"\(specification)\" for operands of shapes \(shapes)")
        }
        let sides = specification.filter { $0 != " " }.split(separator: "->", omittingEmptySubsequences: false)
        if sides.count > 2 { fail("more than one \"->\"") }
        let terms = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Term($0, fail: fail) }
        let explicitOutput = sides.count == 2 ? Term(sides[1], fail: fail) : nil
        if shapes.isEmpty { fail("no operands") }
        if terms.count != shapes.count { fail("\(terms.count) input terms for \(shapes.count) operands") }
        let ellipsisRanks = zip(terms, shapes).map { term, shape in
            let rest = shape.count - term.letterCount
            if rest < 0 || (!term.hasEllipsis && rest != 0) {
                fail("term \"\(term.text)\" has \(term.letterCount) indices for an operand of rank \(shape.count)")
            }
            return rest
        }
        let ellipsis = (0..<(ellipsisRanks.max() ?? 0)).map(ellipsisLabel)
        let inputs = zip(terms, ellipsisRanks).map { term, rank in term.labels(ellipsis: Array(ellipsis.suffix(rank))) }
        var sizes: [Character: Int] = [:]
        for (labels, shape) in zip(inputs, shapes) {
            for (label, size) in zip(labels, shape) {
                guard let known = sizes[label], known != size else { sizes[label] = size; continue }
                if !label.isLetter && (known == 1 || size == 1) {
                    sizes[label] = Swift.max(known, size)
                } else {
                    fail(label.isLetter ? "index \(label) has sizes \(known) and \(size)" : "the axes under \"...\" do not broadcast")
                }
            }
        }
        if let explicitOutput {
            if !explicitOutput.hasEllipsis && !ellipsis.isEmpty { fail("the inputs have axes under \"...\" but the output has no \"...\"") }
            let output = explicitOutput.labels(ellipsis: ellipsis)
            for label in output where sizes[label] == nil { fail("output index \(label) is in no input") }
            if Set(output).count != output.count { fail("an output index repeats") }
            self.output = output
        } else {
            let counts = Dictionary(terms.flatMap(\.letters).map { ($0, 1) }, uniquingKeysWith: +)
            output = ellipsis + counts.filter { $0.value == 1 }.keys.sorted()
        }
        self.inputs = inputs
    }
}

/// One term of a specification: its letters before and after an optional ellipsis.
private struct Term {
    let text: Substring
    let before: [Character], after: [Character]
    let hasEllipsis: Bool

    /// Splits `text` at its ellipsis, trapping through `fail` on a character that is not a letter
    /// (a lone `.` included) or on a second ellipsis.
    init(_ text: Substring, fail: (String) -> Never) {
        let parts = text.split(separator: "...", omittingEmptySubsequences: false)
        if parts.count > 2 { fail("term \"\(text)\" has more than one \"...\"") }
        for character in parts.joined() where !(character.isASCII && character.isLetter) {
            fail("\"\(character)\" is not an index letter")
        }
        (self.text, before, after, hasEllipsis) = (text, Array(parts[0]), parts.count == 2 ? Array(parts[1]) : [], parts.count == 2)
    }

    var letters: [Character] { before + after }
    var letterCount: Int { before.count + after.count }

    /// The term's labels with `ellipsis` in place of its `...`.
    func labels(ellipsis: [Character]) -> [Character] { before + (hasEllipsis ? ellipsis : []) + after }
}

/// The label of the `index`th axis under an ellipsis: a private-use character, never a letter.
private func ellipsisLabel(_ index: Int) -> Character {
    Character(Unicode.Scalar(0xE000 + index)!)
}
