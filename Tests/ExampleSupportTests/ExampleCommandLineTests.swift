import Foundation
import Testing

/// Runs the built example binaries (they sit beside the test binary after
/// `swift build --build-tests`) with good and bad arguments, and checks the exit status and
/// the messages: `--help` prints the usage and does nothing else, bad input is refused on
/// standard error before any work starts, and training that diverges stops.
@Suite("Examples on the command line")
struct ExampleCommandLineTests {
    static let executables = [
        "InverseNorm", "PullbackTour", "CustomRules", "HessianVectorProducts",
        "TrainDigits", "TrainSpirals", "LinearRegression", "GaussianProcessCO2", "Benchmarks",
    ]

    @Test("--help prints the usage, exits 0 and writes no file", arguments: executables)
    func help(executable: String) throws {
        let run = try Invocation.run(executable, ["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: \(executable)"))
        #expect(run.standardError.isEmpty)
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }

    @Test("An unknown option is refused with status 64 before any work", arguments: executables)
    func unknownOption(executable: String) throws {
        let run = try Invocation.run(executable, ["--no-such-option"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Error: Unknown option '--no-such-option'"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test("Examples without arguments refuse one", arguments: ["PullbackTour", "CustomRules", "HessianVectorProducts", "Benchmarks"])
    func unexpectedArgument(executable: String) throws {
        let run = try Invocation.run(executable, ["extra"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Error: Unexpected argument 'extra'"))
    }

    /// Bad values: each is refused with status 64 and the message, before any output or file.
    static let badValues: [(executable: String, arguments: [String], message: String)] = [
        ("InverseNorm", ["0"], "Error: <size> must be in 1...2000, got 0"),
        ("InverseNorm", ["5000"], "Error: <size> must be in 1...2000, got 5000"),
        ("InverseNorm", ["abc"], "Error: The value 'abc' is invalid for '<size>'"),
        ("TrainSpirals", ["/no-such-folder/spirals.svg"],
         "Error: cannot write '/no-such-folder/spirals.svg': the folder '/no-such-folder' does not exist"),
        ("TrainSpirals", ["/"], "Error: cannot write '/': it is a folder"),
        ("TrainSpirals", ["--steps", "0"], "Error: --steps must be in 1...100000, got 0"),
        ("TrainSpirals", ["--learning-rate", "fast"], "Error: The value 'fast' is invalid for '--learning-rate <learning-rate>'"),
        ("TrainDigits", ["--epochs", "0"], "Error: --epochs must be in 1...10000, got 0"),
        ("TrainDigits", ["--batch-size", "-5"], "Error: Missing value for '--batch-size <batch-size>'"),
        ("TrainDigits", ["--learning-rate", "nan"], "Error: --learning-rate must be a finite number greater than 0, got nan"),
        ("TrainDigits", ["--learning-rate", "inf"], "Error: --learning-rate must be a finite number greater than 0, got inf"),
        ("TrainDigits", ["--output", "/proc/cpuinfo/out"], "Error: cannot write '/proc/cpuinfo/out': '/proc/cpuinfo' is not a folder"),
        ("TrainDigits", ["--mnist", "/no-such-folder"], "Error: --mnist: the folder '/no-such-folder' does not exist"),
        ("TrainDigits", ["--dtype", "float16"], "Error: The value 'float16' is invalid for '--dtype <dtype>'"),
        ("TrainDigits", ["--model", "rnn"], "Error: The value 'rnn' is invalid for '--model <model>'"),
        ("LinearRegression", ["--steps", "1000000"], "Error: --steps must be in 1...100000, got 1000000"),
        ("LinearRegression", ["--learning-rate", "0"], "Error: --learning-rate must be a finite number greater than 0, got 0.0"),
        ("GaussianProcessCO2", ["--forecast-to", "1999"], "Error: --forecast-to must be in 2002...2100, got 1999"),
        ("GaussianProcessCO2", ["--max-iterations", "0"], "Error: --max-iterations must be in 1...10000, got 0"),
        ("GaussianProcessCO2", ["--data", "/no-such-folder/co2.csv"], "Error: --data: the file '/no-such-folder/co2.csv' does not exist"),
        ("GaussianProcessCO2", ["--output", "/no-such-folder/co2.svg"],
         "Error: cannot write '/no-such-folder/co2.svg': the folder '/no-such-folder' does not exist"),
    ]

    @Test("A bad value is refused with status 64 and a message, before any work", arguments: badValues)
    func badValue(executable: String, arguments: [String], message: String) throws {
        let run = try Invocation.run(executable, arguments)
        #expect(run.status == 64)
        #expect(run.standardError.contains(message), "standard error: \(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }

    @Test("Training that diverges stops with status 1 and says where, writing nothing", arguments: [
        ("TrainDigits", ["--learning-rate", "1e9", "--output", "out"]),
        ("LinearRegression", ["--learning-rate", "1e9"]),
    ])
    func divergence(executable: String, arguments: [String]) throws {
        let run = try Invocation.run(executable, arguments)
        #expect(run.status == 1)
        #expect(run.standardError.contains("Error: the training loss became"), "standard error: \(run.standardError)")
        #expect(run.standardError.contains("training stopped (is the learning rate too large?)"))
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }
}

extension ExampleCommandLineTests {
    @Test("A malformed data file stops GaussianProcessCO2 with status 1 and the line, writing nothing")
    func malformedData() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("co2-\(UUID().uuidString).csv")
        try "date,co2_ppm\n1958-03-29,316.1\n1958-04-05,lots\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Invocation.run("GaussianProcessCO2", ["--data", file.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Error: line 3: co2_ppm 'lots' is not a finite number"), "standard error: \(run.standardError)")
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }

    @Test("Data that ends after the forecast year is refused with a message, not a trap")
    func dataAfterForecast() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("co2-\(UUID().uuidString).csv")
        try "date,co2_ppm\n2150-03-29,516.1\n2150-04-05,517.3\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Invocation.run("GaussianProcessCO2", ["--data", file.path, "--forecast-to", "2010"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("Error: --forecast-to 2010 is before the data's last year, 2150"),
                "standard error: \(run.standardError)")
        #expect(run.filesWritten.isEmpty, "wrote \(run.filesWritten)")
    }
}

/// One run of an example binary in a fresh empty working folder.
struct Invocation {
    var status: Int32
    var standardOutput: String
    var standardError: String
    /// What the run left in its working folder.
    var filesWritten: [String]

    /// The folder of the built executables: the one holding this test binary.
    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    /// Runs `executable` with `arguments` in a new empty folder and waits for it to exit.
    static func run(_ executable: String, _ arguments: [String]) throws -> Invocation {
        let binary = binaries.appendingPathComponent(executable)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("\(binary.path) is missing: build everything first (swift build --build-tests)")
            return Invocation(status: -1, standardOutput: "", standardError: "", filesWritten: [])
        }
        // The child writes its output to files beside its working folder, so nothing can block on a full pipe.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ExampleCommandLineTests-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let (outputFile, errorFile) = (base.appendingPathComponent("stdout"), base.appendingPathComponent("stderr"))
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Invocation(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
            standardError: try String(contentsOf: errorFile, encoding: .utf8),
            filesWritten: try FileManager.default.contentsOfDirectory(atPath: folder.path))
    }
}
