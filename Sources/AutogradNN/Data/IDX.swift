import Autograd
import Foundation

/// A failure to read an IDX file (the MNIST format) that depends on the data.
public enum IDXError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all (missing, unreadable).
    case unreadable(path: String, reason: String)
    /// The path names `kind` ("a directory", "a FIFO", "a character device", ...), not a
    /// regular file; nothing was read from it.
    case notARegularFile(path: String, kind: String)
    /// The first four bytes are not the magic number of unsigned bytes of the expected rank.
    case wrongMagic(found: UInt32, expected: UInt32)
    /// The file is shorter than its header says.
    case truncated(expectedBytes: Int, foundBytes: Int)
    /// The sizes in the header, zeros left out, multiply to more than `Int` holds (with the
    /// header bytes added), so some product of sizes a reader needs would overflow.
    case sizeOverflow(shape: [Int])
    /// The file is longer than its header says.
    case trailingBytes(expectedBytes: Int, foundBytes: Int)
    /// The image file and the label file hold different numbers of examples.
    case countMismatch(images: Int, labels: Int)
    /// The label of example `index` (0-based) is not a digit 0...9.
    case labelOutOfRange(index: Int, label: Int)

    /// A sentence naming the problem and the numbers involved.
    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read IDX file '\(path)': \(reason)"
        case let .notARegularFile(path, kind): "cannot read IDX file '\(path)': it is \(kind), not a regular file"
        case let .wrongMagic(found, expected): "IDX magic number is \(hex(found)), expected \(hex(expected))"
        case let .truncated(expected, found): "IDX file is truncated: the header needs \(expected) bytes, the file has \(found)"
        case let .sizeOverflow(shape): "IDX sizes \(shape) overflow: their product does not fit in an Int"
        case let .trailingBytes(expected, found): "IDX file has trailing bytes: the header needs \(expected) bytes, the file has \(found)"
        case let .countMismatch(images, labels): "IDX files disagree: \(images) images but \(labels) labels"
        case let .labelOutOfRange(index, label): "IDX label \(index) is \(label), not a digit 0...9"
        }
    }

    private func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }
}

/// Reader for the IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/): two
/// zero bytes, a type byte (0x08 for unsigned bytes), a rank byte, one big-endian `UInt32`
/// size per axis, then the values in row-major order.
public enum IDX {
    /// The magic number of a rank-`rank` array of unsigned bytes: 0x00000803 for MNIST
    /// images `[count, rows, columns]`, 0x00000801 for labels `[count]`.
    public static func unsignedByteMagic(rank: Int) -> UInt32 {
        check((1...255).contains(rank), "IDX.unsignedByteMagic(rank:): rank must lie in 1...255, got \(rank)")
        return 0x0000_0800 | UInt32(rank)
    }

    /// The sizes and values of an IDX array of unsigned bytes of rank `rank` held in `bytes`.
    ///
    /// Every product of some of the sizes fits in an `Int`, so callers may multiply any of
    /// them (a count of zero does not hide `rows × columns` overflowing).
    ///
    /// - Throws: `IDXError.wrongMagic`, `.truncated`, `.sizeOverflow` or `.trailingBytes`.
    public static func unsignedBytes(from bytes: [UInt8], rank: Int) throws(IDXError) -> (shape: [Int], values: [UInt8]) {
        let expectedMagic = unsignedByteMagic(rank: rank)
        guard bytes.count >= 4 else { throw .truncated(expectedBytes: 4, foundBytes: bytes.count) }
        let magic = bigEndianUInt32(bytes, at: 0)
        guard magic == expectedMagic else { throw .wrongMagic(found: magic, expected: expectedMagic) }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else { throw .truncated(expectedBytes: headerSize, foundBytes: bytes.count) }
        let shape = (0..<rank).map { Int(bigEndianUInt32(bytes, at: 4 + 4 * $0)) }
        guard let valueCount = Int.checkedProduct(shape),
              case let (expectedSize, false) = valueCount.addingReportingOverflow(headerSize)
        else { throw .sizeOverflow(shape: shape) }
        if bytes.count < expectedSize { throw .truncated(expectedBytes: expectedSize, foundBytes: bytes.count) }
        if bytes.count > expectedSize { throw .trailingBytes(expectedBytes: expectedSize, foundBytes: bytes.count) }
        return (shape: shape, values: Array(bytes[headerSize...]))
    }

    /// The sizes and values of the IDX array of unsigned bytes of rank `rank` in the file at `url`.
    ///
    /// - Throws: `IDXError.notARegularFile` (checked before reading, so a FIFO never blocks),
    ///   `.unreadable`, or the errors of `unsignedBytes(from:rank:)`.
    public static func unsignedBytes(contentsOf url: URL, rank: Int) throws(IDXError) -> (shape: [Int], values: [UInt8]) {
        if let kind = nonRegularFileKind(atPath: url.path) { throw .notARegularFile(path: url.path, kind: kind) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try unsignedBytes(from: [UInt8](data), rank: rank)
    }

    /// The big-endian `UInt32` at `offset`.
    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset ..< offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

extension Dataset {
    /// MNIST-style digits from an IDX image file `[count, rows, columns]` and an IDX label
    /// file `[count]` (for example the uncompressed `train-images-idx3-ubyte` and
    /// `train-labels-idx1-ubyte`): features `[count, rows × columns]` scaled by 1/255, in
    /// float64 (`converted(to:)` gives float32).
    ///
    /// - Throws: an `IDXError` naming the problem; nothing is returned half-read.
    public static func mnist(images: URL, labels: URL) throws(IDXError) -> Dataset {
        let image = try IDX.unsignedBytes(contentsOf: images, rank: 3)
        let label = try IDX.unsignedBytes(contentsOf: labels, rank: 1)
        guard image.shape[0] == label.shape[0] else { throw .countMismatch(images: image.shape[0], labels: label.shape[0]) }
        if let bad = label.values.firstIndex(where: { $0 > 9 }) {
            throw .labelOutOfRange(index: bad, label: Int(label.values[bad]))
        }
        let features = Tensor(shape: [image.shape[0], image.shape[1] * image.shape[2]],
                              scalars: image.values.map { Double($0) / 255 })
        return Dataset(features: features, labels: label.values.map(Int.init))
    }
}
