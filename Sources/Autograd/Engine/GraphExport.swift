extension Tensor {
    /// The recorded graph behind this tensor as Graphviz DOT text (torchviz's `make_dot`), to
    /// render with `dot -Tsvg graph.dot -o graph.svg`.
    ///
    ///     let loss = crossEntropy(logits: model(x), labels: y)
    ///     let text = loss.graphvizDescription(naming: model.namedParameters + [("x", x)])
    ///
    /// One box per tensor, drawn once however many operations read it: a recorded result
    /// shows its operation, and a tensor with no recorded operation is a `leaf` (it requires
    /// gradients; filled light blue) or a `constant` (dashed). Every box shows the shape and
    /// the element type, after the tensor's name when `names` holds it (the first name given
    /// wins). This tensor, the root, is filled green. The boxes come first, then the arrows,
    /// from an operation's inputs to its result, one per use (`x * x` draws two). Boxes are
    /// numbered `t0`, `t1`, ... in breadth-first order from the root, inputs in the order the
    /// operation read them, so the same graph always gives the same text.
    ///
    /// A part of the graph that `backward()` already freed (the default, unless it was called
    /// with `retainingGraph: true`) is drawn as a red dashed box that says so, with nothing
    /// below it: its inputs are gone. Export does not trap there, because drawing the graph
    /// after a training step is the usual way to look at it; export before `backward()` to see
    /// everything.
    ///
    /// - Complexity: O(n) in the number of tensors and uses in the graph, with no recursion,
    ///   so a chain of a million operations is fine.
    public func graphvizDescription(naming names: [(name: String, tensor: Tensor)] = []) -> String {
        var nameOf: [ObjectIdentifier: String] = [:]
        for (name, tensor) in names where nameOf[ObjectIdentifier(tensor)] == nil {
            nameOf[ObjectIdentifier(tensor)] = name
        }
        var ids: [ObjectIdentifier: Int] = [ObjectIdentifier(self): 0]
        var queue: [Tensor] = [self]
        var lines = ["digraph autograd {", "    node [shape=box, fontname=\"Helvetica\"]"]
        var edges: [String] = []
        var id = 0
        while id < queue.count {
            defer { id += 1 }
            let tensor = queue[id]
            let box = GraphBox(tensor, name: nameOf[ObjectIdentifier(tensor)], isRoot: id == 0)
            lines.append("    t\(id) [label=\"\(box.label)\"\(box.style)]")
            guard let node = tensor.node, !node.isReleased else { continue }
            for input in node.inputs {
                let inputID = ids[ObjectIdentifier(input)] ?? {
                    ids[ObjectIdentifier(input)] = queue.count
                    queue.append(input)
                    return queue.count - 1
                }()
                edges.append("    t\(inputID) -> t\(id)")
            }
        }
        return (lines + edges + ["}"]).joined(separator: "\n") + "\n"
    }
}

/// How one tensor is drawn: its label text (escaped for a quoted DOT string) and attributes.
private struct GraphBox {
    /// The label's lines joined with DOT's `\n`, each escaped.
    let label: String
    /// The attributes after the label (`, style=filled, fillcolor=...`), or empty.
    let style: String

    /// The box for `tensor`, under `name` when it has one; `isRoot` for the tensor exported.
    init(_ tensor: Tensor, name: String?, isRoot: Bool) {
        var lines = name.map { [$0] } ?? []
        var styles: [String] = [], fill: String?, outline: String?
        if let node = tensor.node {
            lines.append(node.operation)
            if node.isReleased {
                lines.append("(graph freed by backward())")
                (styles, outline) = (["dashed"], "red")
            }
        } else if tensor.isGradientLeaf {
            lines.append("leaf")
            (styles, fill) = (["filled"], "lightblue")
        } else {
            lines.append("constant")
            styles = ["dashed"]
        }
        lines.append("\(tensor.shape) \(tensor.dtype)")
        if isRoot {
            fill = "darkolivegreen1"
            if !styles.contains("filled") { styles.insert("filled", at: 0) }
        }
        label = lines.map(GraphBox.escaped).joined(separator: "\\n")
        style = (styles.isEmpty ? "" : ", style=\"\(styles.joined(separator: ","))\"")
            + (fill.map { ", fillcolor=\($0)" } ?? "") + (outline.map { ", color=\($0)" } ?? "")
    }

    /// `text` safe inside a quoted DOT label: backslashes and quotes escaped, and line breaks
    /// (`\n`, `\r`, `\r\n`) as DOT's centred line break `\n`, so a name cannot end the string
    /// or smuggle in Graphviz's own escapes (`\l`, `\N`, ...).
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n", "\r", "\r\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
