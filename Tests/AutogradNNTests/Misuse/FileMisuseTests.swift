import Autograd
import AutogradNN
import Foundation
import Testing

/// Reading a path that is a directory, a FIFO or a device throws a typed error saying so, for
/// checkpoints, IDX files and digits files alike, before anything is read (a FIFO never blocks).
@Suite("Misuse: paths that are not regular files", .timeLimit(.minutes(1)))
struct FileMisuseTests {
    /// A new empty directory, removed by the caller.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("misuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url
    }

    /// A FIFO (named pipe) with no writer inside `directory`.
    private func fifo(in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("pipe")
        try #require(mkfifo(url.path, 0o600) == 0)
        return url
    }

    @Test("a checkpoint loaded from a directory")
    func checkpointDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: CheckpointError.notARegularFile(path: directory.path, kind: "a directory")) {
            try Checkpoint.load(into: Linear(inputSize: 1, outputSize: 1, seed: 0), from: directory)
        }
        #expect(CheckpointError.notARegularFile(path: "/tmp/x", kind: "a directory").description
            == "cannot read checkpoint '/tmp/x': it is a directory, not a regular file")
    }

    @Test("a checkpoint loaded from a FIFO")
    func checkpointFIFO() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipe = try fifo(in: directory)
        #expect(throws: CheckpointError.notARegularFile(path: pipe.path, kind: "a FIFO")) {
            try Checkpoint.load(into: Linear(inputSize: 1, outputSize: 1, seed: 0), from: pipe)
        }
        #expect(throws: CheckpointError.notARegularFile(path: pipe.path, kind: "a FIFO")) {
            try SafeTensors.read(contentsOf: pipe)
        }
    }

    @Test("a checkpoint loaded from a character device")
    func checkpointDevice() {
        #expect(throws: CheckpointError.notARegularFile(path: "/dev/null", kind: "a character device")) {
            try Checkpoint.load(into: Linear(inputSize: 1, outputSize: 1, seed: 0), from: URL(fileURLWithPath: "/dev/null"))
        }
    }

    @Test("an IDX file that is a directory or a FIFO")
    func idx() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipe = try fifo(in: directory)
        #expect(throws: IDXError.notARegularFile(path: directory.path, kind: "a directory")) {
            try IDX.unsignedBytes(contentsOf: directory, rank: 1)
        }
        #expect(throws: IDXError.notARegularFile(path: pipe.path, kind: "a FIFO")) {
            try Dataset.mnist(images: pipe, labels: pipe)
        }
        #expect(IDXError.notARegularFile(path: "/tmp/x", kind: "a FIFO").description
            == "cannot read IDX file '/tmp/x': it is a FIFO, not a regular file")
    }

    @Test("a digits file that is a directory or a FIFO")
    func digits() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pipe = try fifo(in: directory)
        #expect(throws: DatasetError.notARegularFile(path: directory.path, kind: "a directory")) {
            try Dataset.digits(contentsOf: directory)
        }
        #expect(throws: DatasetError.notARegularFile(path: pipe.path, kind: "a FIFO")) {
            try Dataset.digits(contentsOf: pipe)
        }
        #expect(DatasetError.notARegularFile(path: "/tmp/x", kind: "a directory").description
            == "cannot read data set '/tmp/x': it is a directory, not a regular file")
    }
}
