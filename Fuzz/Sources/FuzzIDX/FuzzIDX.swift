import AutogradNN

/// libFuzzer's entry point: reads the `count` bytes at `start` as IDX arrays of unsigned bytes
/// of the ranks `Dataset.mnist` reads (1 and 3) and of the rank the input's own magic number
/// claims. Each read either throws an `IDXError` or returns a shape and values consistent with
/// the bytes; anything else traps, which libFuzzer reports as a crash with the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var ranks: Set<Int> = [1, 3]
    if bytes.count >= 4, bytes[3] > 0 { ranks.insert(Int(bytes[3])) }
    for rank in ranks {
        guard let array = try? IDX.unsignedBytes(from: bytes, rank: rank) else { continue }
        let headerSize = 4 + 4 * rank
        guard array.shape.count == rank,
              array.values.count == array.shape.reduce(1, *),
              array.values[...] == bytes[headerSize...]
        else {
            fatalError("IDX.unsignedBytes(rank: \(rank)) returned shape \(array.shape) and \(array.values.count) values "
                + "for \(bytes.count) bytes")
        }
    }
    return 0
}
