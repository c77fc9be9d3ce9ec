import Foundation

/// The JSON header of a safetensors file, decoded but not yet checked against the data.
struct SafeTensorsHeader: Decodable {
    /// One tensor's entry as written in the header.
    struct Entry: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    /// A tensor's checked place in the data section: bytes `begin..<end`.
    struct Placement {
        let name: String
        let dtype: SafeTensorsDType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// Any key of the top-level object: tensor names are data, not a fixed schema.
    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The entries by tensor name.
    private(set) var entries: [String: Entry] = [:]
    /// The `__metadata__` strings, empty when absent.
    private(set) var metadata: [String: String] = [:]

    /// Decodes the top-level object, separating `__metadata__` from the tensor entries.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            if key.stringValue == SafeTensors.metadataKey {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
    }

    /// The header in the UTF-8 JSON `json` (trailing padding spaces allowed).
    ///
    /// A name listed twice is an error: JSON parsers disagree on which entry wins (Python's
    /// `json` keeps the last), and the reference reader rejects the file.
    init(json: Data) throws(CheckpointError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: json)
        } catch {
            throw .invalidHeader(reason: String(describing: error))
        }
        var seen = Set<String>()
        for name in Self.topLevelKeys(ofValidJSON: [UInt8](json)) where !seen.insert(name).inserted {
            throw .duplicateName(name)
        }
    }

    /// The keys of the top-level object of `json`, repeats kept, in order. `json` must be a
    /// JSON object that decoded: then, outside strings, braces and brackets nest, and at
    /// depth one a string right after `{` or `,` is a key. UTF-8 continuation bytes are never
    /// ASCII, so scanning bytes for quotes and backslashes is safe.
    private static func topLevelKeys(ofValidJSON json: [UInt8]) -> [String] {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        var keys = [String]()
        var (depth, index, expectingKey) = (0, 0, false)
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ",") where depth == 1:
                expectingKey = true
            case quote:
                let start = index
                index += 1
                while index < json.count, json[index] != quote { index += json[index] == backslash ? 2 : 1 }
                if depth == 1, expectingKey, index < json.count {
                    let literal = Data(json[start...index])
                    // The header's own decoder undoes escapes, so `"a"` and `"\u0061"` compare equal.
                    keys.append((try? JSONDecoder().decode(String.self, from: literal)) ?? String(decoding: literal, as: UTF8.self))
                    expectingKey = false
                }
            default:
                break
            }
            index += 1
        }
        return keys
    }

    /// Every entry checked against a data section of `dataByteCount` bytes (a dtype in
    /// `SafeTensorsDType`, offsets inside the section spanning its byte count per element),
    /// ordered by offset. Entries
    /// are checked in name order, so the error is stable. Like the reference reader, the
    /// tensors must then tile the section: no two share bytes, and no byte is left over
    /// before, between or after them.
    func validatedLayout(dataByteCount: Int) throws(CheckpointError) -> [Placement] {
        var placements = [Placement]()
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let dtype = SafeTensorsDType(rawValue: entry.dtype) else {
                throw .unsupportedDtype(tensor: name, dtype: entry.dtype)
            }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw .invalidHeader(reason: "tensor '\(name)' has a negative size in shape \(entry.shape)")
            }
            guard entry.dataOffsets.count == 2, entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1] else {
                throw .invalidOffsets(tensor: name, offsets: entry.dataOffsets)
            }
            let (begin, end) = (entry.dataOffsets[0], entry.dataOffsets[1])
            guard end <= dataByteCount else { throw .truncated(tensor: name, end: end, dataByteCount: dataByteCount) }
            guard let expected = Int.checkedProduct(entry.shape + [dtype.byteCount]) else {
                throw .invalidHeader(reason: "tensor '\(name)' has shape \(entry.shape), too large to hold in memory")
            }
            guard end - begin == expected else {
                throw .byteCountMismatch(tensor: name, shape: entry.shape, expected: expected, found: end - begin)
            }
            placements.append(Placement(name: name, dtype: dtype, shape: entry.shape, begin: begin, end: end))
        }
        placements.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for (index, next) in placements.enumerated() {
            if next.begin < covered { throw .overlappingTensors(placements[index - 1].name, next.name) }
            if next.begin > covered { throw .unusedBytes(begin: covered, end: next.begin) }
            covered = next.end
        }
        if covered < dataByteCount { throw .unusedBytes(begin: covered, end: dataByteCount) }
        return placements
    }
}
