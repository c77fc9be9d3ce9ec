import AutogradNN
import Foundation
import Testing

/// The bytes of an IDX file of unsigned bytes, built by hand: two zero bytes, type 0x08,
/// the rank, each size as a big-endian UInt32, then the values.
private func idx(shape: [UInt32], values: [UInt8]) -> [UInt8] {
    [0, 0, 0x08, UInt8(shape.count)] + shape.flatMap { size in (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> (8 * $0)) } }
        + values
}

/// Three 2×2 images, pixels multiples of 51 (k·51/255 = k/5 is the nearest Double to the
/// decimal k/5, division being correctly rounded), and their labels.
private let imageBytes = idx(shape: [3, 2, 2], values: [0, 51, 102, 153, 204, 255, 0, 255, 51, 51, 102, 0])
private let labelBytes = idx(shape: [3], values: [7, 0, 9])

/// Reads `images` and `labels` after writing them to temporary files.
private func mnist(images: [UInt8], labels: [UInt8]) throws -> Dataset {
    let (imageURL, labelURL) = (temporaryFile("idx3-ubyte"), temporaryFile("idx1-ubyte"))
    defer {
        try? FileManager.default.removeItem(at: imageURL)
        try? FileManager.default.removeItem(at: labelURL)
    }
    try Data(images).write(to: imageURL)
    try Data(labels).write(to: labelURL)
    return try Dataset.mnist(images: imageURL, labels: labelURL)
}

@Suite("IDX")
struct IDXTests {
    @Test("the hand-built header starts with the documented MNIST magic numbers")
    func magicNumbers() {
        #expect(IDX.unsignedByteMagic(rank: 3) == 0x0000_0803)
        #expect(IDX.unsignedByteMagic(rank: 1) == 0x0000_0801)
        #expect(Array(imageBytes[0..<8]) == [0, 0, 8, 3, 0, 0, 0, 3])
    }

    @Test("three 2×2 images and their labels read back, features scaled by 1/255")
    func readsImagesAndLabels() throws {
        let dataset = try mnist(images: imageBytes, labels: labelBytes)
        #expect(dataset.features.shape == [3, 4])
        #expect(dataset.labels == [7, 0, 9])
        let expected: [Double] = [0, 0.2, 0.4, 0.6, 0.8, 1, 0, 1, 0.2, 0.2, 0.4, 0]
        #expect(dataset.features.scalars == expected)
    }

    @Test("the sizes come from the big-endian header", arguments: [UInt32(1), 258, 65_536])
    func bigEndianSizes(count: UInt32) throws {
        let file = idx(shape: [count], values: [UInt8](repeating: 4, count: Int(count)))
        let read = try IDX.unsignedBytes(from: file, rank: 1)
        #expect(read.shape == [Int(count)])
        #expect(read.values.count == Int(count))
    }

    @Test("malformed files throw the matching IDXError", arguments: [
        ("labels given as images", labelBytes, labelBytes, IDXError.wrongMagic(found: 0x801, expected: 0x803)),
        ("float type byte", [0, 0, 0x0D, 3] + imageBytes.dropFirst(4), labelBytes,
         .wrongMagic(found: 0x0D03, expected: 0x803)),
        ("shorter than the magic", [0, 0], labelBytes, .truncated(expectedBytes: 4, foundBytes: 2)),
        ("header cut short", Array(imageBytes[0..<10]), labelBytes, .truncated(expectedBytes: 16, foundBytes: 10)),
        ("missing last pixel", Array(imageBytes.dropLast()), labelBytes, .truncated(expectedBytes: 28, foundBytes: 27)),
        ("sizes overflow", idx(shape: [.max, .max, .max], values: []), labelBytes,
         .sizeOverflow(shape: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])),
        // Zero images of 2³²−1 × 2³²−1 pixels: the total is 0, rows × columns overflows.
        ("zero images, pixel count overflows", idx(shape: [0, .max, .max], values: []), idx(shape: [0], values: []),
         .sizeOverflow(shape: [0, 0xFFFF_FFFF, 0xFFFF_FFFF])),
        ("extra byte", imageBytes + [0], labelBytes, .trailingBytes(expectedBytes: 28, foundBytes: 29)),
        ("two labels for three images", imageBytes, idx(shape: [2], values: [1, 2]), .countMismatch(images: 3, labels: 2)),
        ("label 10", imageBytes, idx(shape: [3], values: [1, 10, 2]), .labelOutOfRange(index: 1, label: 10)),
    ] as [(String, [UInt8], [UInt8], IDXError)])
    func malformedThrows(reason: String, images: [UInt8], labels: [UInt8], expected: IDXError) {
        #expect(throws: expected) { try mnist(images: images, labels: labels) }
    }

    @Test("an overflowing size reads as a sentence naming the sizes")
    func sizeOverflowMessage() {
        #expect(IDXError.sizeOverflow(shape: [0, 7, 9]).description == "IDX sizes [0, 7, 9] overflow: their product does not fit in an Int")
    }

    @Test("a missing file throws unreadable naming the path")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/train-images-idx3-ubyte")
        let error = #expect(throws: IDXError.self) { try Dataset.mnist(images: url, labels: url) }
        guard case let .unreadable(path, _) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(error?.description.hasPrefix("cannot read IDX file '/nonexistent/train-images-idx3-ubyte'") == true)
    }
}
