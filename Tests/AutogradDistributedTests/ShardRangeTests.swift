import AutogradDistributed
import AutogradNN
import AutogradTestSupport
import Testing

/// `DataParallel.shardRange`: each rank's contiguous rows of a global batch, worked out by hand.
@Suite("Data-parallel shards")
struct ShardRangeTests {
    /// (rows, ranks, each rank's range), written out by hand: the first `rows mod ranks` ranks
    /// take ⌊rows/ranks⌋ + 1 rows, the others ⌊rows/ranks⌋.
    static let cases: [(count: Int, size: Int, ranges: [Range<Int>])] = [
        (7, 1, [0..<7]),
        (64, 2, [0..<32, 32..<64]),
        (65, 2, [0..<33, 33..<65]),
        (10, 3, [0..<4, 4..<7, 7..<10]),
        (64, 3, [0..<22, 22..<43, 43..<64]),
        (2, 3, [0..<1, 1..<2, 2..<2]),
        (0, 2, [0..<0, 0..<0]),
    ]

    @Test("Each rank's rows", arguments: cases)
    func ranges(count: Int, size: Int, ranges: [Range<Int>]) {
        let shards = (0..<size).map { DataParallel<Sequential>.shardRange(count: count, rank: $0, size: size) }
        #expect(shards == ranges)
    }

    @Test("The shards tile the batch in rank order, their sizes differing by at most one",
          arguments: 1...6)
    func tiling(size: Int) {
        for count in 0...40 {
            let shards = (0..<size).map { DataParallel<Sequential>.shardRange(count: count, rank: $0, size: size) }
            #expect(shards.first?.lowerBound == 0 && shards.last?.upperBound == count)
            #expect(zip(shards, shards.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let sizes = shards.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "count \(count): \(sizes)")
        }
    }

    @Test("A rank outside the world traps, naming the values")
    func rankOutside() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DataParallel<Sequential>.shardRange(count: 10, rank: 2, size: 2)
        }
        #expect(standardError(of: result).contains("DataParallel.shardRange: needs count ≥ 0 and rank in 0..<size, got count 10, rank 2, size 2"))
    }
}
