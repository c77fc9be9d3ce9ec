import ArgumentParser
import ExampleSupport
import Foundation
import Testing

/// The checks the examples run on their options before any work.
@Suite("Command-line validation")
struct CommandLineValidationTests {
    /// The message of the `ValidationError` that `body` throws, or nil when it throws none.
    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ValidationError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test("An integer outside its range is refused with the range and the value", arguments: [0, -3, 2_001])
    func integerOutOfRange(value: Int) {
        #expect(message { try requireInRange(value, 1...2_000, name: "<size>") } == "<size> must be in 1...2000, got \(value)")
    }

    @Test("An integer inside its range, ends included, passes", arguments: [1, 100, 2_000])
    func integerInRange(value: Int) {
        #expect(message { try requireInRange(value, 1...2_000, name: "<size>") } == nil)
    }

    @Test("Zero, negative, NaN and infinite rates are refused", arguments: [0.0, -0.1, .nan, .infinity])
    func notPositive(value: Double) {
        #expect(message { try requirePositive(value, name: "--learning-rate") }
            == "--learning-rate must be a finite number greater than 0, got \(value)")
    }

    @Test("A tiny and a huge finite positive rate pass", arguments: [1e-300, 1e9])
    func positive(value: Double) {
        #expect(message { try requirePositive(value, name: "--learning-rate") } == nil)
    }

    @Test("A file in a missing folder, under a file, or that is a folder is refused")
    func unwritableFile() throws {
        let folder = try temporaryFolder()
        let file = folder + "/plain.txt"
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(message { try requireWritableFile(folder + "/missing/out.svg") }
            == "cannot write '\(folder)/missing/out.svg': the folder '\(folder)/missing' does not exist")
        #expect(message { try requireWritableFile(file + "/out.svg") }
            == "cannot write '\(file)/out.svg': '\(file)' is not a folder")
        #expect(message { try requireWritableFile(folder) } == "cannot write '\(folder)': it is a folder")
    }

    @Test("A new or existing file in a writable folder passes, a bare name included")
    func writableFile() throws {
        let folder = try temporaryFolder()
        let existing = folder + "/existing.svg"
        try Data().write(to: URL(fileURLWithPath: existing))
        #expect(message { try requireWritableFile(folder + "/new.svg") } == nil)
        #expect(message { try requireWritableFile(existing) } == nil)
        #expect(message { try requireWritableFile("spirals.svg") } == nil)  // the current folder
    }

    @Test("An output folder that is a file, or whose parent is missing, is refused")
    func unwritableOutputFolder() throws {
        let folder = try temporaryFolder()
        let file = folder + "/plain.txt"
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(message { try requireWritableOutputFolder(file) } == "cannot use '\(file)' as the output folder: it is a file")
        #expect(message { try requireWritableOutputFolder(folder + "/a/b") }
            == "cannot write '\(folder)/a/b': the folder '\(folder)/a' does not exist")
    }

    @Test("An existing output folder, or a new one in a writable parent, passes")
    func writableOutputFolder() throws {
        let folder = try temporaryFolder()
        #expect(message { try requireWritableOutputFolder(folder) } == nil)
        #expect(message { try requireWritableOutputFolder(folder + "/new") } == nil)
    }

    @Test("A read-only folder is refused", .enabled(if: getuid() != 0, "root may write anywhere"))
    func readOnlyFolder() throws {
        let folder = try temporaryFolder()
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        #expect(message { try requireWritableFile(folder + "/out.svg") }
            == "cannot write '\(folder)/out.svg': the folder '\(folder)' is not writable")
    }
}

/// A training loss that is not finite stops training with a message saying where.
@Suite("Training divergence")
struct TrainingDivergenceTests {
    @Test("NaN and ±∞ throw, naming the loss and the place", arguments: [Double.nan, .infinity, -.infinity])
    func notFinite(loss: Double) {
        let error = #expect(throws: TrainingDiverged.self) { try requireFiniteLoss(loss, at: "step 3") }
        #expect(error?.description
            == "the training loss became \(loss) at step 3; training stopped (is the learning rate too large?)")
    }

    @Test("Finite losses pass, huge ones included", arguments: [0.0, 2.3, 1e300])
    func finite(loss: Double) throws {
        try requireFiniteLoss(loss, at: "step 1")
    }
}

/// A new empty folder under the system's temporary folder.
func temporaryFolder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ExampleSupportTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}
