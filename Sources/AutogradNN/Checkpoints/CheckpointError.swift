import Autograd

/// A failure to read, write or load a checkpoint that depends on the file, not on the program.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all (missing, unreadable).
    case unreadable(path: String, reason: String)
    /// The path names `kind` ("a directory", "a FIFO", "a character device", ...), not a
    /// regular file; nothing was read from it.
    case notARegularFile(path: String, kind: String)
    /// Writing failed at `step` (create, write, sync, rename); any previous file is intact.
    case writeFailed(path: String, step: String, reason: String)
    /// The file is shorter than the 8-byte header length.
    case fileTooShort(byteCount: Int)
    /// The header length runs past the end of the file.
    case headerBeyondFile(headerLength: UInt64, fileByteCount: Int)
    /// The header is not the expected JSON.
    case invalidHeader(reason: String)
    /// A tensor has a dtype other than F64, F32, F16 and BF16.
    case unsupportedDtype(tensor: String, dtype: String)
    /// A tensor's data offsets are not a pair `0 ≤ begin ≤ end`.
    case invalidOffsets(tensor: String, offsets: [Int])
    /// A tensor's data ends past the end of the file.
    case truncated(tensor: String, end: Int, dataByteCount: Int)
    /// A tensor's byte count is not its dtype's size × the number of elements of its shape.
    case byteCountMismatch(tensor: String, shape: [Int], expected: Int, found: Int)
    /// Two tensors share bytes.
    case overlappingTensors(String, String)
    /// The header lists a name (a tensor's, or `__metadata__`) more than once.
    case duplicateName(String)
    /// Bytes `begin..<end` of the data section belong to no tensor: a gap before or between
    /// tensors, or bytes after the last.
    case unusedBytes(begin: Int, end: Int)
    /// The model has a parameter the file does not hold.
    case missingTensor(String)
    /// The file holds a tensor the model has no parameter for.
    case unexpectedTensor(String)
    /// A tensor's shape differs from the model's parameter.
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    /// A tensor is stored as `stored` (`F64`, `F32`, `F16` or `BF16`), which does not read as
    /// the model's parameter type `expected` (F16 and BF16 read as float32), and the load was
    /// not asked to convert (`dtypeMismatch: .convert`).
    case dtypeMismatch(tensor: String, stored: String, expected: DType)

    /// A sentence naming the tensor or file and the problem.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read checkpoint '\(path)': \(reason)"
        case let .notARegularFile(path, kind): "cannot read checkpoint '\(path)': it is \(kind), not a regular file"
        case let .writeFailed(path, step, reason): "cannot write checkpoint '\(path)' (\(step)): \(reason)"
        case let .fileTooShort(count): "checkpoint has \(count) bytes, fewer than the 8-byte header length"
        case let .headerBeyondFile(length, count): "checkpoint header length \(length) runs past the end of the \(count)-byte file"
        case let .invalidHeader(reason): "checkpoint header is invalid: \(reason)"
        case let .unsupportedDtype(tensor, dtype): "tensor '\(tensor)' has dtype \(dtype); only F64, F32, F16 and BF16 are supported"
        case let .invalidOffsets(tensor, offsets): "tensor '\(tensor)' has data offsets \(offsets), not [begin, end] with 0 ≤ begin ≤ end"
        case let .truncated(tensor, end, count): "checkpoint is truncated: tensor '\(tensor)' ends at byte \(end) of a \(count)-byte data section"
        case let .byteCountMismatch(tensor, shape, expected, found):
            "tensor '\(tensor)' of shape \(shape) needs \(expected) bytes, its offsets span \(found)"
        case let .overlappingTensors(first, second): "tensors '\(first)' and '\(second)' overlap in the data section"
        case let .duplicateName(name): "checkpoint header lists '\(name)' more than once"
        case let .unusedBytes(begin, end): "bytes \(begin)..<\(end) of the data section belong to no tensor"
        case let .missingTensor(name): "checkpoint has no tensor '\(name)' for the model's parameter"
        case let .unexpectedTensor(name): "checkpoint has tensor '\(name)', which the model does not have"
        case let .shapeMismatch(tensor, expected, found): "tensor '\(tensor)' has shape \(found), the model expects \(expected)"
        case let .dtypeMismatch(tensor, stored, expected):
            "tensor '\(tensor)' is stored as \(stored)\(Self.readType(stored)), the model's parameter is \(expected); "
                + "load with dtypeMismatch: .convert to convert it"
        }
    }

    /// " (read as float32)" for F16 and BF16, whose names do not say what they read as.
    private static func readType(_ stored: String) -> String {
        guard let type = SafeTensorsDType(rawValue: stored), type == .f16 || type == .bf16 else { return "" }
        return " (read as \(type.tensorType))"
    }
}
