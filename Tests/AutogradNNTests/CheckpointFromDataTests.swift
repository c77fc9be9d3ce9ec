import Autograd
import AutogradNN
import Foundation
import Testing

/// `Checkpoint.load(into:from:)` from the bytes of a file in memory.
@Suite("Checkpoint loaded from bytes")
struct CheckpointFromDataTests {
    @Test("the bytes of a saved checkpoint load the saved parameters")
    func loadsSavedBytes() throws {
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(model(seed: 1), to: url)
        let loaded = model(seed: 7)
        try Checkpoint.load(into: loaded, from: Data(contentsOf: url))
        // The saved model, rebuilt from its seed, is the reference.
        for ((name, value), (_, expected)) in zip(loaded.namedParameters, model(seed: 1).namedParameters) {
            #expect(value.scalars == expected.scalars, "\(name)")
        }
    }

    @Test("bad bytes throw the file's error and change no parameter")
    func badBytesThrow() {
        let loaded = model(seed: 7)
        #expect(throws: CheckpointError.fileTooShort(byteCount: 3)) {
            try Checkpoint.load(into: loaded, from: Data([1, 2, 3]))
        }
        for ((name, value), (_, expected)) in zip(loaded.namedParameters, model(seed: 7).namedParameters) {
            #expect(value.scalars == expected.scalars, "\(name)")
        }
    }

    /// A 2 → 3 → 1 network whose parameters start from `seed`.
    private func model(seed: UInt64) -> Sequential {
        Sequential {
            Linear(inputSize: 2, outputSize: 3, seed: seed)
            Linear(inputSize: 3, outputSize: 1, seed: seed + 1)
        }
    }
}
