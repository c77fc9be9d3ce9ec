import Autograd
import Testing

/// `graphvizDescription(naming:)`: the recorded graph as Graphviz DOT text. The expected
/// texts are written by hand from the graph each test builds.
@Suite("Graph export to Graphviz DOT")
struct GraphExportTests {
    @Test("A tiny graph gives exactly the DOT text written by hand; the shared product appears once")
    func tinyGraph() {
        let w = Tensor(shape: [2], scalars: [1.0, 2.0]).requiringGradient()
        let x = Tensor(shape: [2], scalars: [3.0, 4.0])
        let product = w * x
        let y = tanh(product) * product
        #expect(y.graphvizDescription(naming: [("w", w)]) == """
            digraph autograd {
                node [shape=box, fontname="Helvetica"]
                t0 [label="*\\n[2] float64", style="filled", fillcolor=darkolivegreen1]
                t1 [label="tanh\\n[2] float64"]
                t2 [label="*\\n[2] float64"]
                t3 [label="w\\nleaf\\n[2] float64", style="filled", fillcolor=lightblue]
                t4 [label="constant\\n[2] float64", style="dashed"]
                t1 -> t0
                t2 -> t0
                t2 -> t1
                t3 -> t2
                t4 -> t2
            }

            """)
    }

    @Test("Names reach constants and results too, the first name of a tensor wins, and float32 shows")
    func names() {
        let w = Tensor(shape: [1, 2], scalars: [Float(1), 2]).requiringGradient()
        let x = Tensor(shape: [2, 1], scalars: [Float(3), 4])
        let hidden = matmul(w, x)
        let text = exp(hidden).graphvizDescription(naming: [("weight", w), ("input", x), ("hidden", hidden), ("again", w)])
        #expect(text == """
            digraph autograd {
                node [shape=box, fontname="Helvetica"]
                t0 [label="exp\\n[1, 1] float32", style="filled", fillcolor=darkolivegreen1]
                t1 [label="hidden\\nmatmul\\n[1, 1] float32"]
                t2 [label="weight\\nleaf\\n[1, 2] float32", style="filled", fillcolor=lightblue]
                t3 [label="input\\nconstant\\n[2, 1] float32", style="dashed"]
                t1 -> t0
                t2 -> t1
                t3 -> t1
            }

            """)
    }

    @Test("x * x draws two arrows from one box")
    func repeatedInput() {
        let x = Tensor(shape: [3], scalars: [1.0, 2.0, 3.0]).requiringGradient()
        let lines = (x * x).graphvizDescription().split(separator: "\n")
        #expect(lines.filter { $0 == "    t1 -> t0" }.count == 2)
        #expect(lines.filter { $0.contains("[label=") }.count == 2)
    }

    @Test("Quotes, backslashes and line breaks in names are escaped for DOT")
    func escaping() {
        let x = Tensor(shape: [], scalars: [1.0]).requiringGradient()
        let name = "say \"hi\"\\N\nnext\r\nlast\rend"
        #expect(x.graphvizDescription(naming: [(name, x)]) == """
            digraph autograd {
                node [shape=box, fontname="Helvetica"]
                t0 [label="say \\"hi\\"\\\\N\\nnext\\nlast\\nend\\nleaf\\n[] float64", style="filled", fillcolor=darkolivegreen1]
            }

            """)
    }

    @Test("A graph freed by backward() is drawn as freed, with nothing below it")
    func freedGraph() {
        let w = Tensor(shape: [2], scalars: [1.0, 2.0]).requiringGradient()
        let y = sin(w)
        y.backward(seed: Tensor.ones([2]))
        #expect(y.graphvizDescription() == """
            digraph autograd {
                node [shape=box, fontname="Helvetica"]
                t0 [label="sin\\n(graph freed by backward())\\n[2] float64", style="filled,dashed", fillcolor=darkolivegreen1, color=red]
            }

            """)
    }

    @Test("A graph kept by backward(retainingGraph: true) is drawn in full")
    func retainedGraph() {
        let w = Tensor(shape: [2], scalars: [1.0, 2.0]).requiringGradient()
        let y = exp(sin(w))
        y.backward(seed: Tensor.ones([2]), retainingGraph: true)
        #expect(y.graphvizDescription().contains("t1 [label=\"sin\\n[2] float64\"]"))
        #expect(!y.graphvizDescription().contains("freed"))
    }

    @Test("A chain 100,000 operations deep is exported without overflowing the stack")
    func deepChain() {
        let depth = 100_000
        let x = Tensor(shape: [1], scalars: [0.5]).requiringGradient()
        var y = x
        for _ in 0..<depth { y = sin(y) }
        let lines = y.graphvizDescription().split(separator: "\n")
        // The header, one box per tensor (depth results and the leaf), one arrow per operation, the closing brace.
        #expect(lines.count == 2 + (depth + 1) + depth + 1)
        #expect(lines[2 + depth] == "    t\(depth) [label=\"leaf\\n[1] float64\", style=\"filled\", fillcolor=lightblue]")
        #expect(lines[lines.count - 2] == "    t\(depth) -> t\(depth - 1)")
    }
}
