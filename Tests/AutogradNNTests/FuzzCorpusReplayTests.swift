import Autograd
import AutogradNN
import Foundation
import Testing

/// Replays every input kept under `Fuzz/Corpus/<reader>/` (the fuzz targets' seeds) and
/// `Fuzz/Crashes/<reader>/` (inputs that once crashed a reader) through the readers, as the
/// fuzz targets in `Fuzz/` do: each reader returns a value or throws its typed error and never
/// traps (a trap ends the test run). A seed's name says what it was made to be: a `valid-…`
/// file must read, an `invalid-…` file must throw.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    @Test("every safetensors input decodes or throws a CheckpointError, and loads or throws",
          arguments: FuzzInput.all(reader: "SafeTensors"))
    func safeTensors(_ input: FuzzInput) throws {
        let data = try Data(contentsOf: input.url)
        do {
            let (tensors, _) = try SafeTensors.decode(data)
            #expect(input.kind != .invalid, "\(input) decoded to \(tensors.count) tensors")
        } catch {
            #expect(input.kind != .valid, "\(input): \(error)")
        }
        // The fuzz target's model, the one the `valid-checkpoint-…` seeds were saved from.
        let model = Sequential {
            Linear(inputSize: 2, outputSize: 3, seed: 1)
            Linear(inputSize: 3, outputSize: 1, seed: 2)
        }
        do {
            try Checkpoint.load(into: model, from: data, dtypeMismatch: .convert)
        } catch {
            #expect(!input.name.hasPrefix("valid-checkpoint-"), "\(input) did not load: \(error)")
        }
    }

    @Test("every IDX input reads or throws an IDXError at ranks 1, 3 and its magic number's rank",
          arguments: FuzzInput.all(reader: "IDX"))
    func idx(_ input: FuzzInput) throws {
        let bytes = try [UInt8](Data(contentsOf: input.url))
        let claimedRank = bytes.count >= 4 && bytes[3] > 0 ? Int(bytes[3]) : nil
        #expect(input.kind != .valid || claimedRank != nil, "\(input) has no rank in its magic number")
        for rank in Set([1, 3] + [claimedRank].compactMap { $0 }) {
            do {
                let (shape, values) = try IDX.unsignedBytes(from: bytes, rank: rank)
                #expect(input.kind != .invalid, "\(input) read at rank \(rank) as shape \(shape)")
                #expect(values.count == shape.reduce(1, *) && values.count == bytes.count - 4 - 4 * rank)
            } catch {
                #expect(input.kind != .valid || rank != claimedRank, "\(input) at rank \(rank): \(error)")
            }
        }
    }

    @Test("the corpus holds valid and invalid seeds for each reader", arguments: ["SafeTensors", "IDX"])
    func corpusIsThere(reader: String) {
        let kinds = FuzzInput.all(reader: reader).map(\.kind)
        #expect(kinds.filter { $0 == .valid }.count >= 2, "Fuzz/Corpus/\(reader) has too few valid seeds")
        #expect(kinds.filter { $0 == .invalid }.count >= 4, "Fuzz/Corpus/\(reader) has too few invalid seeds")
    }
}

/// One kept fuzz input: a file under `Fuzz/Corpus/<reader>/` or `Fuzz/Crashes/<reader>/`.
struct FuzzInput: Sendable, CustomTestStringConvertible {
    /// What a seed was made to be, from its name's prefix; an input the fuzzer found may be either.
    enum Kind: Sendable { case valid, invalid, unknown }

    let url: URL

    /// The file's name.
    var name: String { url.lastPathComponent }
    /// `valid` for a `valid-…` file, `invalid` for an `invalid-…` file, else `unknown`.
    var kind: Kind { name.hasPrefix("valid-") ? .valid : name.hasPrefix("invalid-") ? .invalid : .unknown }
    /// The path from `Fuzz/` (`Corpus/IDX/valid-…`), which names the input in the test's output.
    var testDescription: String { url.pathComponents.suffix(3).joined(separator: "/") }

    /// The package's `Fuzz/` directory, found from this file's path.
    private static let fuzzDirectory = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fuzz")

    /// Every file of `Fuzz/Corpus/<reader>/` and `Fuzz/Crashes/<reader>/`, sorted by path.
    static func all(reader: String) -> [FuzzInput] {
        ["Corpus", "Crashes"].flatMap { folder in
            let directory = fuzzDirectory.appending(path: folder).appending(path: reader)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { FuzzInput(url: directory.appending(path: $0)) }
        }
    }
}
