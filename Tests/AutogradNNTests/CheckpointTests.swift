import Autograd
import AutogradNN
import Foundation
import Testing

// MARK: - Reference bytes

/// `safetensors.numpy.save({"weight": np.array([[1.0, -2.5, 0.1]]), "bias": np.array([0.5])},
/// metadata={"format": "np"})` with safetensors 0.8.0 and NumPy 2.4.6 (float64 arrays),
/// printed as hex. The reference writer orders the header by name and pads it with spaces.
private let referenceWeightAndBias: [UInt8] = [
    0x98, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x5F, 0x5F, 0x6D, 0x65, 0x74, 0x61,
    0x64, 0x61, 0x74, 0x61, 0x5F, 0x5F, 0x22, 0x3A, 0x7B, 0x22, 0x66, 0x6F, 0x72, 0x6D, 0x61, 0x74,
    0x22, 0x3A, 0x22, 0x6E, 0x70, 0x22, 0x7D, 0x2C, 0x22, 0x62, 0x69, 0x61, 0x73, 0x22, 0x3A, 0x7B,
    0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22, 0x2C, 0x22, 0x73,
    0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F,
    0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30, 0x2C, 0x38, 0x5D, 0x7D, 0x2C,
    0x22, 0x77, 0x65, 0x69, 0x67, 0x68, 0x74, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65,
    0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A,
    0x5B, 0x31, 0x2C, 0x33, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73,
    0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x38, 0x2C, 0x33, 0x32, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x20,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xC0, 0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F,
]

/// `safetensors.numpy.save({"x": np.array([1.5, -2.0])})`, same versions as above.
private let referenceVector: [UInt8] = [
    0x38, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x78, 0x22, 0x3A, 0x7B, 0x22, 0x64,
    0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61,
    0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66,
    0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30, 0x2C, 0x31, 0x36, 0x5D, 0x7D, 0x7D, 0x20,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0,
]

/// `safetensors.numpy.save({"10.weight": np.array([[1.0, -2.5]]), "2.bias": np.array([0.5]),
/// "0.weight": np.array([[0.25], [3.0]])})`, names given in that order, with safetensors 0.8.0
/// and NumPy 2.4.6; printed by `scripts/references/safetensors_order.py`. The writer sorts
/// tensors by (dtype, name), so the header and the data both run 0.weight, 10.weight, 2.bias.
private let referenceOutOfOrder: [UInt8] = [
    0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x30, 0x2E, 0x77, 0x65, 0x69, 0x67,
    0x68, 0x74, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36,
    0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x32, 0x2C, 0x31, 0x5D,
    0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A,
    0x5B, 0x30, 0x2C, 0x31, 0x36, 0x5D, 0x7D, 0x2C, 0x22, 0x31, 0x30, 0x2E, 0x77, 0x65, 0x69, 0x67,
    0x68, 0x74, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36,
    0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x2C, 0x32, 0x5D,
    0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A,
    0x5B, 0x31, 0x36, 0x2C, 0x33, 0x32, 0x5D, 0x7D, 0x2C, 0x22, 0x32, 0x2E, 0x62, 0x69, 0x61, 0x73,
    0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22,
    0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64, 0x61,
    0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x33, 0x32, 0x2C,
    0x34, 0x30, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xD0, 0x3F,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x3F,
]

/// `safetensors.numpy.save({"\u00e9a": np.array([1.0]), "e\u0301x": np.array([2.0])})`, same
/// versions and script: names compare as UTF-8 bytes, so the decomposed "e\u0301x" (0x65 …)
/// comes before the precomposed "\u00e9a" (0xC3 …), unlike Swift's `<` on `String`.
private let referenceDecomposedName: [UInt8] = [
    0x78, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B, 0x22, 0x65, 0xCC, 0x81, 0x78, 0x22, 0x3A,
    0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x46, 0x36, 0x34, 0x22, 0x2C, 0x22,
    0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31, 0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61,
    0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22, 0x3A, 0x5B, 0x30, 0x2C, 0x38, 0x5D, 0x7D,
    0x2C, 0x22, 0xC3, 0xA9, 0x61, 0x22, 0x3A, 0x7B, 0x22, 0x64, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A,
    0x22, 0x46, 0x36, 0x34, 0x22, 0x2C, 0x22, 0x73, 0x68, 0x61, 0x70, 0x65, 0x22, 0x3A, 0x5B, 0x31,
    0x5D, 0x2C, 0x22, 0x64, 0x61, 0x74, 0x61, 0x5F, 0x6F, 0x66, 0x66, 0x73, 0x65, 0x74, 0x73, 0x22,
    0x3A, 0x5B, 0x38, 0x2C, 0x31, 0x36, 0x5D, 0x7D, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
]

// MARK: - Hand-built files

/// A safetensors file assembled byte by byte, independently of the library's writer: the
/// header length as 8 little-endian bytes, the header, then each value's little-endian bits.
private func handBuiltFile(header: String, values: [Double], headerLength: UInt64? = nil) -> [UInt8] {
    let headerBytes = Array(header.utf8)
    let length = headerLength ?? UInt64(headerBytes.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + headerBytes
        + values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
}

/// One header entry, spelled out as JSON.
private func entry(_ name: String, _ shape: [Int], _ offsets: [Int], dtype: String = "F64") -> String {
    #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
}

/// The entries of a valid file for `model()`: 6 + 3 + 3 + 1 values, back to back.
private let validEntries = [
    entry("0.weight", [3, 2], [0, 48]), entry("0.bias", [3], [48, 72]),
    entry("1.weight", [1, 3], [72, 96]), entry("1.bias", [1], [96, 104]),
]

/// A header object from `entries`.
private func header(_ entries: [String]) -> String { "{" + entries.joined(separator: ",") + "}" }

/// The values 1, 2, …, 13 the valid file stores, in data order.
private let storedValues = (1...13).map(Double.init)

/// The valid file, with the entry named `name` replaced by `replacement` (dropped when nil).
private func validFile(replacing name: String? = nil, with replacement: String? = nil, values: [Double] = storedValues) -> [UInt8] {
    let entries = validEntries.compactMap { entry in name.map { entry.hasPrefix("\"\($0)\"") } == true ? replacement : entry }
    return handBuiltFile(header: header(entries), values: values)
}

/// The bytes of a broken checkpoint and the error loading it must throw.
struct MalformedFile: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let bytes: [UInt8]
    let expected: CheckpointError

    init(_ testDescription: String, _ bytes: [UInt8], _ expected: CheckpointError) {
        (self.testDescription, self.bytes, self.expected) = (testDescription, bytes, expected)
    }
}

/// A 2 → 3 → 1 network whose parameters start from `seed`.
private func model(seed: UInt64 = 1) -> Sequential {
    Sequential {
        Linear(inputSize: 2, outputSize: 3, seed: seed)
        Linear(inputSize: 3, outputSize: 1, seed: seed + 1)
    }
}

/// A new empty directory in the temporary directory.
private func temporaryDirectory() throws -> URL {
    let url = temporaryFile("dir")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    return url
}

/// Every value of every parameter of `layer`, as bit patterns (so NaN and −0 compare exactly).
private func parameterBits(_ layer: some Layer) -> [UInt64] {
    layer.parameters.flatMap { $0.scalars.map(\.bitPattern) }
}

// MARK: - Tests

@Suite("SafeTensors")
struct SafeTensorsTests {
    @Test("reads the reference writer's bytes: tensors by offset, values and metadata")
    func readsReferenceFile() throws {
        let (tensors, metadata) = try SafeTensors.decode(Data(referenceWeightAndBias))
        #expect(tensors.map(\.name) == ["bias", "weight"])
        #expect(tensors.map(\.tensor.shape) == [[1], [1, 3]])
        #expect(tensors[0].tensor.scalars == [0.5])
        #expect(tensors[1].tensor.scalars == [1, -2.5, 0.1])
        #expect(metadata == ["format": "np"])
    }

    @Test("writes the reference writer's bytes, header padding included")
    func writesReferenceBytes() {
        #expect([UInt8](SafeTensors.encode([("x", Tensor([1.5, -2]))])) == referenceVector)
        let weightAndBias = [("bias", Tensor([0.5])), ("weight", Tensor([[1, -2.5, 0.1]]))]
        #expect([UInt8](SafeTensors.encode(weightAndBias, metadata: ["format": "np"])) == referenceWeightAndBias)
    }

    @Test("writes tensors in the reference writer's order, whatever order they come in")
    func writesReferenceOrder() {
        let outOfOrder = [("10.weight", Tensor([[1, -2.5]])), ("2.bias", Tensor([0.5])), ("0.weight", Tensor([[0.25], [3]]))]
        #expect([UInt8](SafeTensors.encode(outOfOrder)) == referenceOutOfOrder)
        #expect([UInt8](SafeTensors.encode(outOfOrder.reversed())) == referenceOutOfOrder)
        let decomposed = [("\u{E9}a", Tensor([1.0])), ("e\u{301}x", Tensor([2.0]))]
        #expect([UInt8](SafeTensors.encode(decomposed)) == referenceDecomposedName)
    }

    @Test("reads tensors stored in any order, as earlier versions of this writer stored them")
    func readsAnyDataOrder() throws {
        let callerOrder = handBuiltFile(
            header: header([entry("10.weight", [1, 2], [0, 16]), entry("2.bias", [1], [16, 24]), entry("0.weight", [2, 1], [24, 40])]),
            values: [1, -2.5, 0.5, 0.25, 3])
        let tensors = try SafeTensors.decode(Data(callerOrder)).tensors
        #expect(tensors.map(\.name) == ["10.weight", "2.bias", "0.weight"])
        #expect(tensors.map(\.tensor.scalars) == [[1, -2.5], [0.5], [0.25, 3]])
    }

    @Test("names that need JSON escaping survive a file round trip")
    func escapedNamesRoundTrip() throws {
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.write([("a\"b\\c/d é", Tensor([[1, 2]])), ("empty", Tensor.zeros([0, 3]))], to: url)
        let tensors = try SafeTensors.read(contentsOf: url)
        #expect(tensors.map(\.name) == ["a\"b\\c/d é", "empty"])
        #expect(tensors.map(\.tensor.shape) == [[1, 2], [0, 3]])
        #expect((try Data(contentsOf: url)).count % 8 == 0)
    }
}

@Suite("Checkpoints")
struct CheckpointTests {
    @Test("save then load is bit-exact, special values included")
    func roundTripIsBitExact() throws {
        let source = model(seed: 1)
        source.parameters[1].assign(Tensor([-0.0, .infinity, .nan]))
        source.parameters[3].assign(Tensor([Double.leastNonzeroMagnitude]))
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(source, to: url)
        let target = model(seed: 10)
        #expect(parameterBits(target) != parameterBits(source))
        try Checkpoint.load(into: target, from: url)
        #expect(parameterBits(target) == parameterBits(source))
    }

    @Test("loads a file built by hand, matching parameters by PyTorch name")
    func loadsHandBuiltFile() throws {
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        // Entries listed out of data order: loading goes by name, not by header position.
        try Data(handBuiltFile(header: header(validEntries.reversed()), values: storedValues)).write(to: url)
        let target = model()
        try Checkpoint.load(into: target, from: url)
        #expect(target.namedParameters.map(\.tensor.scalars) == [[1, 2, 3, 4, 5, 6], [7, 8, 9], [10, 11, 12], [13]])
    }

    @Test("malformed files throw the matching error and change no parameter", arguments: [
        MalformedFile("fewer than 8 bytes", [0, 1, 2, 3, 4], .fileTooShort(byteCount: 5)),
        MalformedFile("header length past the end", handBuiltFile(header: header(validEntries), values: storedValues, headerLength: 10_000),
                      .headerBeyondFile(headerLength: 10_000, fileByteCount: 8 + header(validEntries).utf8.count + 104)),
        MalformedFile("missing tensor", validFile(replacing: "1.bias", with: nil, values: Array(storedValues.dropLast())),
                      .missingTensor("1.bias")),
        MalformedFile("extra tensor", handBuiltFile(header: header(validEntries + [entry("2.weight", [1], [104, 112])]),
                                                    values: storedValues + [0]), .unexpectedTensor("2.weight")),
        MalformedFile("wrong shape", validFile(replacing: "1.weight", with: entry("1.weight", [3, 1], [72, 96])),
                      .shapeMismatch(tensor: "1.weight", expected: [1, 3], found: [3, 1])),
        MalformedFile("I64 tensor", validFile(replacing: "0.bias", with: entry("0.bias", [3], [48, 72], dtype: "I64")),
                      .unsupportedDtype(tensor: "0.bias", dtype: "I64")),
        MalformedFile("F8 tensor", validFile(replacing: "0.bias", with: entry("0.bias", [3], [48, 72], dtype: "F8_E4M3")),
                      .unsupportedDtype(tensor: "0.bias", dtype: "F8_E4M3")),
        // A valid F32 bias (the low half of the double 13, so 0) for the model's float64 bias.
        MalformedFile("F32 tensor for a float64 parameter",
                      Array(validFile(replacing: "1.bias", with: entry("1.bias", [1], [96, 100], dtype: "F32")).dropLast(4)),
                      .dtypeMismatch(tensor: "1.bias", stored: "F32", expected: .float64)),
        MalformedFile("F16 tensor spanning three doubles", validFile(replacing: "0.bias", with: entry("0.bias", [3], [48, 72], dtype: "F16")),
                      .byteCountMismatch(tensor: "0.bias", shape: [3], expected: 6, found: 24)),
        MalformedFile("data cut short", Array(validFile().dropLast(8)), .truncated(tensor: "1.bias", end: 104, dataByteCount: 96)),
        MalformedFile("offsets reversed", validFile(replacing: "0.bias", with: entry("0.bias", [3], [72, 48])),
                      .invalidOffsets(tensor: "0.bias", offsets: [72, 48])),
        MalformedFile("three offsets", validFile(replacing: "0.bias", with: entry("0.bias", [3], [48, 72, 96])),
                      .invalidOffsets(tensor: "0.bias", offsets: [48, 72, 96])),
        MalformedFile("offsets span too few bytes", validFile(replacing: "0.bias", with: entry("0.bias", [3], [48, 64])),
                      .byteCountMismatch(tensor: "0.bias", shape: [3], expected: 24, found: 16)),
        MalformedFile("overlapping tensors", validFile(replacing: "0.bias", with: entry("0.bias", [3], [40, 64])),
                      .overlappingTensors("0.weight", "0.bias")),
        // The cases below load without an error in a reader that keeps one of two entries of
        // the same name or ignores bytes no tensor claims; safetensors (Rust) rejects them.
        MalformedFile("name listed twice", handBuiltFile(header: header(validEntries + [entry("1.bias", [1], [104, 112])]),
                                                         values: storedValues + [0]), .duplicateName("1.bias")),
        MalformedFile("name listed twice, once escaped",
                      handBuiltFile(header: header(validEntries + [entry(#"0.b\u0069as"#, [3], [104, 128])]),
                                    values: storedValues + [0, 0, 0]), .duplicateName("0.bias")),
        MalformedFile("gap before the first tensor", handBuiltFile(header: header([
            entry("0.weight", [3, 2], [8, 56]), entry("0.bias", [3], [56, 80]),
            entry("1.weight", [1, 3], [80, 104]), entry("1.bias", [1], [104, 112]),
        ]), values: [0] + storedValues), .unusedBytes(begin: 0, end: 8)),
        MalformedFile("gap between tensors", handBuiltFile(header: header([
            entry("0.weight", [3, 2], [0, 48]), entry("0.bias", [3], [48, 72]),
            entry("1.weight", [1, 3], [80, 104]), entry("1.bias", [1], [104, 112]),
        ]), values: Array(storedValues[..<9]) + [0] + storedValues[9...]), .unusedBytes(begin: 72, end: 80)),
        MalformedFile("bytes after the last tensor", validFile(values: storedValues + [0]), .unusedBytes(begin: 104, end: 112)),
    ])
    func malformedFileThrows(file: MalformedFile) throws {
        let target = model()
        let before = parameterBits(target)
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(file.bytes).write(to: url)
        #expect(throws: file.expected) { try Checkpoint.load(into: target, from: url) }
        #expect(parameterBits(target) == before)
    }

    @Test("a header that is not the expected JSON throws invalidHeader", arguments: [
        "{not json", #"{"0.weight": 3}"#, #"{"0.weight":{"dtype":"F64","shape":[-1,2],"data_offsets":[0,0]}}"#,
        #"{"__metadata__":{"format":1}}"#, #"{"0.weight":{"dtype":"F64","shape":[2.5],"data_offsets":[0,8]}}"#,
        // Zero elements, but 2³² × 2³² overflows any stride or row size a reader computes.
        #"{"0.weight":{"dtype":"F64","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#,
    ])
    func invalidHeaderThrows(headerText: String) throws {
        let target = model()
        let before = parameterBits(target)
        let url = temporaryFile("safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(handBuiltFile(header: headerText, values: [0, 0])).write(to: url)
        let error = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: target, from: url) }
        guard case .invalidHeader = error else {
            Issue.record("expected invalidHeader, got \(String(describing: error))")
            return
        }
        #expect(parameterBits(target) == before)
    }

    @Test("errors read as sentences naming the tensor and both shapes")
    func errorMessages() {
        let message = CheckpointError.shapeMismatch(tensor: "1.weight", expected: [1, 3], found: [3, 1]).description
        #expect(message == "tensor '1.weight' has shape [3, 1], the model expects [1, 3]")
        #expect(CheckpointError.unsupportedDtype(tensor: "0.bias", dtype: "I64").description.contains("only F64, F32, F16 and BF16"))
        #expect(CheckpointError.duplicateName("0.bias").description == "checkpoint header lists '0.bias' more than once")
        #expect(CheckpointError.unusedBytes(begin: 72, end: 80).description == "bytes 72..<80 of the data section belong to no tensor")
    }

    @Test("saving over a checkpoint replaces it and leaves no temporary file")
    func saveReplacesAtomically() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.safetensors")
        try Checkpoint.save(model(seed: 1), to: url)
        let second = model(seed: 5)
        try Checkpoint.save(second, to: url)
        let target = model(seed: 9)
        try Checkpoint.load(into: target, from: url)
        #expect(parameterBits(target) == parameterBits(second))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    }

    @Test("a failed save throws and leaves what was there intact, with no temporary file")
    func failedSaveKeepsOldContents() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no-such-directory/model.safetensors")
        let createError = #expect(throws: CheckpointError.self) { try Checkpoint.save(model(), to: missing) }
        guard case let .writeFailed(path, step, _) = createError else {
            Issue.record("expected writeFailed, got \(String(describing: createError))")
            return
        }
        #expect(path == missing.path && step == "create temporary file")
        // The rename over a non-empty directory fails after the temporary file was written.
        let occupied = directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: occupied.appendingPathComponent("inside"))
        let renameError = #expect(throws: CheckpointError.self) { try Checkpoint.save(model(), to: occupied) }
        guard case let .writeFailed(_, step, _) = renameError else {
            Issue.record("expected writeFailed, got \(String(describing: renameError))")
            return
        }
        #expect(step == "rename")
        #expect(try Data(contentsOf: occupied.appendingPathComponent("inside")) == Data("keep".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied"])
    }
}
