/// A failure to read a data set that depends on the data, not on the program.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all (missing, unreadable).
    case unreadable(path: String, reason: String)
    /// The path names `kind` ("a directory", "a FIFO", "a character device", ...), not a
    /// regular file; nothing was read from it.
    case notARegularFile(path: String, kind: String)
    /// A line (1-based) does not have the expected form.
    case malformedLine(line: Int, reason: String)

    /// A sentence naming the file or line and the problem.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read data set '\(path)': \(reason)"
        case let .notARegularFile(path, kind): "cannot read data set '\(path)': it is \(kind), not a regular file"
        case let .malformedLine(line, reason): "data set line \(line) is malformed: \(reason)"
        }
    }
}
