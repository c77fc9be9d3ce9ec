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
    init(json: Data) throws(CheckpointError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: json)
        } catch {
            throw .invalidHeader(reason: String(describing: error))
        }
    }

    /// Every entry checked against a data section of `dataByteCount` bytes (F64 dtype,
    /// offsets inside the section spanning 8 bytes per element, no two tensors sharing
    /// bytes), ordered by offset. Entries are checked in name order, so the error is stable.
    func validatedLayout(dataByteCount: Int) throws(CheckpointError) -> [Placement] {
        var placements = [Placement]()
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard entry.dtype == "F64" else { throw .unsupportedDtype(tensor: name, dtype: entry.dtype) }
            guard entry.shape.allSatisfy({ $0 >= 0 }) else {
                throw .invalidHeader(reason: "tensor '\(name)' has a negative size in shape \(entry.shape)")
            }
            guard entry.dataOffsets.count == 2, entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1] else {
                throw .invalidOffsets(tensor: name, offsets: entry.dataOffsets)
            }
            let (begin, end) = (entry.dataOffsets[0], entry.dataOffsets[1])
            guard end <= dataByteCount else { throw .truncated(tensor: name, end: end, dataByteCount: dataByteCount) }
            let expected = Int.checkedProduct(entry.shape + [8]) ?? Int.max
            guard end - begin == expected else {
                throw .byteCountMismatch(tensor: name, shape: entry.shape, expected: expected, found: end - begin)
            }
            placements.append(Placement(name: name, shape: entry.shape, begin: begin, end: end))
        }
        placements.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (previous, next) in zip(placements, placements.dropFirst()) where next.begin < previous.end {
            throw .overlappingTensors(previous.name, next.name)
        }
        return placements
    }
}
