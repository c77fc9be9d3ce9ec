import Autograd
import Foundation

/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors),
/// so checkpoints load in PyTorch (`safetensors.torch.load_file`), NumPy and JAX:
///
///     8 bytes    N, the header length, a little-endian UInt64
///     N bytes    UTF-8 JSON: {"__metadata__": {…}, "name": {"dtype": "F64", "shape": […],
///                "data_offsets": [begin, end]}, …}, padded with spaces to 8-byte alignment
///     the rest   the data section: each tensor's values, little-endian, row-major,
///                at its offsets relative to the start of the section
///
/// Only `F64` tensors are written and accepted.
public enum SafeTensors {
    /// The name of the header entry that holds the free-form string metadata.
    static let metadataKey = "__metadata__"

    /// Writes `tensors` (sorted by name, see `encode(_:metadata:)`) and `metadata` to `url`
    /// atomically: an existing file is replaced whole or left untouched.
    public static func write(
        _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], to url: URL
    ) throws(CheckpointError) {
        try AtomicFile.write(encode(tensors, metadata: metadata), to: url)
    }

    /// The tensors stored in the file at `url`, in the order of their data offsets.
    ///
    /// - Throws: a `CheckpointError` naming the problem; see `decode(_:)`.
    public static func read(contentsOf url: URL) throws(CheckpointError) -> [(name: String, tensor: Tensor)] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data).tensors
    }

    /// The bytes of a safetensors file holding `tensors` and `metadata`, the bytes Python's
    /// safetensors writes: the tensors sorted by name, compared as UTF-8 bytes (the reference
    /// writer sorts by dtype, then name; every tensor here is F64), in the header and in the
    /// data section alike, with `__metadata__` first when present and its keys sorted (the
    /// reference writer lists them in hash-map order, which varies from run to run).
    ///
    /// Traps when two tensors share a name or a tensor is named `__metadata__`.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) -> Data {
        check(
            Set(tensors.map(\.name)).count == tensors.count,
            "SafeTensors.encode: tensor names must be unique, got \(tensors.map(\.name))")
        check(!tensors.contains { $0.name == metadataKey }, "SafeTensors.encode: '\(metadataKey)' is reserved, not a tensor name")
        var entries = metadata.isEmpty ? [] : [
            jsonString(metadataKey) + ":{"
                + metadata.sorted { $0.key < $1.key }.map { jsonString($0.key) + ":" + jsonString($0.value) }.joined(separator: ",")
                + "}",
        ]
        let ordered = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var offset = 0
        for (name, tensor) in ordered {
            let end = offset + 8 * tensor.scalarCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(jsonString(name) + #":{"dtype":"F64","shape":[\#(shape)],"data_offsets":[\#(offset),\#(end)]}"#)
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header += [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var file = Data(capacity: 8 + header.count + offset)
        appendLittleEndian(UInt64(header.count), to: &file)
        file.append(contentsOf: header)
        for (_, tensor) in ordered {
            for value in tensor.scalars { appendLittleEndian(value.bitPattern, to: &file) }
        }
        return file
    }

    /// The tensors (in the order of their data offsets) and the metadata of the
    /// safetensors file `data`, after checking every entry against the data section.
    ///
    /// - Throws: `CheckpointError.fileTooShort`, `.headerBeyondFile`, `.invalidHeader`,
    ///   `.duplicateName`, `.unsupportedDtype`, `.invalidOffsets`, `.truncated`,
    ///   `.byteCountMismatch`, `.overlappingTensors` or `.unusedBytes`.
    public static func decode(_ data: Data) throws(CheckpointError)
        -> (tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .fileTooShort(byteCount: bytes.count) }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw .headerBeyondFile(headerLength: headerLength, fileByteCount: bytes.count)
        }
        let dataStart = 8 + Int(headerLength)
        let header = try SafeTensorsHeader(json: Data(bytes[8..<dataStart]))
        let layout = try header.validatedLayout(dataByteCount: bytes.count - dataStart)
        let tensors = layout.map { entry in
            let scalars = bytes.withUnsafeBytes { raw in
                stride(from: dataStart + entry.begin, to: dataStart + entry.end, by: 8).map { offset in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                }
            }
            return (name: entry.name, tensor: Tensor(shape: entry.shape, scalars: scalars))
        }
        return (tensors: tensors, metadata: header.metadata)
    }

    /// `string` as a JSON string literal, quoted and escaped.
    private static func jsonString(_ string: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Encoding a String cannot fail.
        return String(decoding: try! encoder.encode(string), as: UTF8.self)
    }

    /// Appends the 8 little-endian bytes of `value`.
    private static func appendLittleEndian(_ value: UInt64, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
