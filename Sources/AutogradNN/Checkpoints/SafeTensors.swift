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
/// Each tensor is written in its own type (`F64` or `F32`). `F64`, `F32`, `F16` and `BF16`
/// tensors are read: F16 and BF16 (half precision and bfloat16, as PyTorch and Hugging Face
/// checkpoints often hold) widened exactly to float32.
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
    /// - Throws: a `CheckpointError` naming the problem: `.notARegularFile` for a directory, a
    ///   FIFO or a device (checked before reading), else see `decode(_:)`.
    public static func read(contentsOf url: URL) throws(CheckpointError) -> [(name: String, tensor: Tensor)] {
        try readStored(contentsOf: url).map { ($0.name, $0.tensor) }
    }

    /// The tensors stored in the file at `url` with the type each is stored in. A directory, a
    /// FIFO or a device throws `.notARegularFile`, checked before reading (a FIFO never blocks).
    static func readStored(contentsOf url: URL) throws(CheckpointError) -> [StoredTensor] {
        if let kind = nonRegularFileKind(atPath: url.path) { throw .notARegularFile(path: url.path, kind: kind) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try decodeStored(data).tensors
    }

    /// The bytes of a safetensors file holding `tensors` and `metadata`, the bytes Python's
    /// safetensors writes: the tensors sorted by type, F64 before F32 (as the reference writer
    /// sorts, largest alignment first), then by name compared as UTF-8 bytes, in the header and
    /// in the data section alike, with `__metadata__` first when present and its keys sorted
    /// (the reference writer lists them in hash-map order, which varies from run to run).
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
        let ordered = tensors.sorted { first, second in
            first.tensor.dtype != second.tensor.dtype
                ? first.tensor.dtype.byteCount > second.tensor.dtype.byteCount
                : first.name.utf8.lexicographicallyPrecedes(second.name.utf8)
        }
        var offset = 0
        for (name, tensor) in ordered {
            let end = offset + tensor.dtype.byteCount * tensor.scalarCount
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            let dtype = SafeTensorsDType(tensor.dtype).rawValue
            entries.append(jsonString(name) + #":{"dtype":"\#(dtype)","shape":[\#(shape)],"data_offsets":[\#(offset),\#(end)]}"#)
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        header += [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var file = Data(capacity: 8 + header.count + offset)
        appendLittleEndian(UInt64(header.count), to: &file)
        file.append(contentsOf: header)
        for (_, tensor) in ordered {
            switch tensor.dtype {
            case .float64: for value in tensor.scalars(as: Double.self) { appendLittleEndian(value.bitPattern, to: &file) }
            case .float32: for value in tensor.scalars(as: Float.self) { appendLittleEndian(value.bitPattern, to: &file) }
            }
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
        let (tensors, metadata) = try decodeStored(data)
        return (tensors: tensors.map { ($0.name, $0.tensor) }, metadata: metadata)
    }

    /// A tensor read from a file, and the type the file stores it in.
    struct StoredTensor {
        let name: String
        let tensor: Tensor
        let storedType: SafeTensorsDType
    }

    /// `decode(_:)`, keeping the type each tensor is stored in.
    static func decodeStored(_ data: Data) throws(CheckpointError) -> (tensors: [StoredTensor], metadata: [String: String]) {
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
            StoredTensor(
                name: entry.name,
                tensor: entry.dtype.tensor(shape: entry.shape, from: bytes, in: dataStart + entry.begin ..< dataStart + entry.end),
                storedType: entry.dtype)
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

    /// Appends the little-endian bytes of `value`.
    private static func appendLittleEndian(_ value: some FixedWidthInteger, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
