// Draws the graph behind a small model's loss: a 3-H-2 MLP's cross-entropy on four inputs,
// exported as Graphviz DOT with the parameters' names (graph.dot, or the path given with
// --output), and rendered to SVG beside it when Graphviz's `dot` is on PATH.
import ArgumentParser
import Autograd
import AutogradNN
import ExampleSupport
import Foundation

/// The command line, parsed and checked (both output paths too) before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "GraphExport",
        abstract: "Write the graph behind a small MLP's loss as Graphviz DOT, and render it to SVG when dot is installed.")

    @Option(help: "The DOT file to write; the SVG goes beside it, with the extension .svg. Its folder must exist and be writable.")
    var output = "graph.dot"

    @Option(help: "The width of the hidden layer (1...64).")
    var hiddenSize = 4

    @Option(help: "The element type of the model and the inputs (float32 or float64).")
    var dtype = DType.float32

    /// Where the SVG goes: the DOT path with `.svg` instead of `.dot`, or with `.svg` added.
    var svgPath: String {
        output.hasSuffix(".dot") ? String(output.dropLast(4)) + ".svg" : output + ".svg"
    }

    func validate() throws {
        try requireInRange(hiddenSize, 1...64, name: "--hidden-size")
        try requireWritableFile(output)
        try requireWritableFile(svgPath)
    }
}
let options = Options.parseOrExit()

let model = Sequential {
    Linear(inputSize: 3, outputSize: options.hiddenSize, initialization: .glorot, seed: 1, dtype: options.dtype)
    Activation.tanh
    Linear(inputSize: options.hiddenSize, outputSize: 2, initialization: .glorot, seed: 2, dtype: options.dtype)
}
let inputs = Tensor.randomNormal([4, 3], seed: 3, dtype: options.dtype)
let loss = crossEntropy(logits: model(inputs), labels: [0, 1, 1, 0])
let graph = loss.graphvizDescription(naming: model.namedParameters + [("inputs", inputs)])

let lines = graph.split(separator: "\n")
do {
    try graph.write(to: URL(fileURLWithPath: options.output), atomically: true, encoding: .utf8)
} catch {
    Options.exit(withError: error)  // the folder was writable when checked, but can change since
}
print("""
    loss \(loss.scalar) (\(options.dtype)); its graph has \(lines.filter { $0.contains("[label=") }.count) tensors and \
    \(lines.filter { $0.contains(" -> ") }.count) arrows, written to \(options.output)
    """)

/// The first executable file called `name` in the folders of PATH, if any.
func executableOnPath(_ name: String) -> URL? {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return folders.map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// An SVG that could not be drawn or put in place, and why.
struct RenderingFailed: Error, CustomStringConvertible {
    let description: String
}

/// Runs `dot -Tsvg` on the DOT file into a temporary file beside the SVG path, then renames
/// it over the SVG path (atomic on one file system), so a failed run leaves no half-written SVG.
func renderSVG(with dot: URL) throws {
    let svg = URL(fileURLWithPath: options.svgPath)
    let temporary = svg.deletingLastPathComponent().appendingPathComponent(".\(svg.lastPathComponent).\(UUID().uuidString).tmp")
    defer { try? FileManager.default.removeItem(at: temporary) }
    let process = Process()
    process.executableURL = dot
    process.arguments = ["-Tsvg", options.output, "-o", temporary.path]
    let standardError = Pipe()
    process.standardError = standardError
    try process.run()
    let message = standardError.fileHandleForReading.readDataToEndOfFile()  // to the end: until dot exits
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RenderingFailed(description: "dot -Tsvg failed with status \(process.terminationStatus): \(String(decoding: message, as: UTF8.self))")
    }
    guard rename(temporary.path, svg.path) == 0 else {
        throw RenderingFailed(description: "cannot write '\(svg.path)': \(String(cString: strerror(errno)))")
    }
}

if let dot = executableOnPath("dot") {
    do { try renderSVG(with: dot) } catch { Options.exit(withError: error) }
    print("rendered with \(dot.path) to \(options.svgPath)")
} else {
    print("""
        Graphviz's dot is not on PATH, so no SVG was drawn. Install Graphviz (Debian: apt-get install graphviz) \
        and run: dot -Tsvg \(options.output) -o \(options.svgPath)
        """)
}
