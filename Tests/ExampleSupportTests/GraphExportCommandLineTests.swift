import Foundation
import Testing

/// The GraphExport example on the command line: `--help`, bad options refused before any
/// work, and a run that writes the DOT file (and the SVG when Graphviz's `dot` is on PATH).
@Suite("GraphExport on the command line")
struct GraphExportCommandLineTests {
    @Test("--help prints the usage, exits 0 and writes no file")
    func help() throws {
        let run = try Invocation.run("GraphExport", ["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: GraphExport"))
        #expect(run.standardError.isEmpty)
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }

    static let badValues: [(arguments: [String], message: String)] = [
        (["--no-such-option"], "Error: Unknown option '--no-such-option'"),
        (["extra"], "Error: Unexpected argument 'extra'"),
        (["--hidden-size", "0"], "Error: --hidden-size must be in 1...64, got 0"),
        (["--hidden-size", "65"], "Error: --hidden-size must be in 1...64, got 65"),
        (["--dtype", "float16"], "Error: The value 'float16' is invalid for '--dtype <dtype>'"),
        (["--output", "/no-such-folder/graph.dot"],
         "Error: cannot write '/no-such-folder/graph.dot': the folder '/no-such-folder' does not exist"),
        (["--output", "/"], "Error: cannot write '/': it is a folder"),
    ]

    @Test("A bad option is refused with status 64 and a message, before any work", arguments: badValues)
    func badValue(arguments: [String], message: String) throws {
        let run = try Invocation.run("GraphExport", arguments)
        #expect(run.status == 64)
        #expect(run.standardError.contains(message), "standard error: \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }

    @Test("An SVG path that is a folder is refused before the DOT file is written")
    func svgPathIsFolder() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/model.svg", withIntermediateDirectories: false)
        let run = try Invocation.run("GraphExport", ["--output", folder + "/model.dot"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Error: cannot write '\(folder)/model.svg': it is a folder"), "standard error: \(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/model.dot"))
    }

    @Test("A run writes the named DOT graph, and the SVG exactly when dot is on PATH")
    func writesGraph() throws {
        let folder = try temporaryFolder()
        let run = try Invocation.run("GraphExport", ["--output", folder + "/model.dot", "--hidden-size", "2"])
        #expect(run.status == 0, "standard error: \(run.standardError)")
        let dot = try String(contentsOfFile: folder + "/model.dot", encoding: .utf8)
        #expect(dot.hasPrefix("digraph autograd {\n"))
        for name in ["0.weight", "0.bias", "2.weight", "2.bias", "inputs"] {
            #expect(dot.contains("[label=\"\(name)\\n"), "no box named \(name)")
        }
        #expect(dot.contains("[label=\"0.weight\\nleaf\\n[2, 3] float32\", style=\"filled\", fillcolor=lightblue]"))
        let hasDot = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
        let svg = try? String(contentsOfFile: folder + "/model.svg", encoding: .utf8)
        if hasDot {
            #expect(svg?.contains("<svg") == true)
            #expect(run.standardOutput.contains("to \(folder)/model.svg"))
        } else {
            #expect(svg == nil)
            #expect(run.standardOutput.contains("Graphviz's dot is not on PATH, so no SVG was drawn"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == (hasDot ? ["model.dot", "model.svg"] : ["model.dot"]))
    }
}
