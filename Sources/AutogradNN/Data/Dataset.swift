import Autograd

/// Labelled examples for classification: one row of `features` per example and its class
/// in `labels`, like a pair of NumPy arrays `X, y`. The features keep the type they were given
/// in through `subset`, `split` and `batches`; the loaders (`digits`, `mnist`, `twoSpirals`)
/// give float64, and `converted(to:)` gives another type.
public struct Dataset {
    /// The examples, `[count, featureCount]`, one per row.
    public let features: Tensor
    /// The class of each example, in the order of the rows.
    public let labels: [Int]

    /// The examples in the rows of `features` with the classes in `labels`.
    ///
    /// Traps when `features` is not a matrix or the label count differs from its row count.
    public init(features: Tensor, labels: [Int]) {
        check(features.rank == 2, "Dataset(features:labels:): features must be [count, featureCount], got shape \(features.shape)")
        check(
            labels.count == features.shape[0],
            "Dataset(features:labels:): \(labels.count) labels for \(features.shape[0]) rows of features")
        self.features = features
        self.labels = labels
    }

    /// The number of examples.
    public var count: Int { labels.count }

    /// The number of features of each example.
    public var featureCount: Int { features.shape[1] }

    /// The same examples with the features in `dtype` (rounded to nearest for float32).
    public func converted(to dtype: DType) -> Dataset {
        Dataset(features: features.converted(to: dtype), labels: labels)
    }

    /// The examples at `indices`, in that order (an index may repeat).
    ///
    /// - Complexity: O(`indices.count` × `featureCount`).
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(features: features.gathering(rows: indices), labels: indices.map { labels[$0] })
    }

    /// The examples shuffled with `seed`, then cut in two: the test part holds
    /// `testFraction` of them (rounded to the nearest count), the training part the rest.
    /// The same seed gives the same split on every machine.
    public func split(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        check(testFraction > 0 && testFraction < 1, "Dataset.split: testFraction must lie in (0, 1), got \(testFraction)")
        let order = Self.shuffledIndices(count: count, seed: seed)
        let testCount = Int((Double(count) * testFraction).rounded())
        return (train: subset(Array(order[testCount...])), test: subset(Array(order[..<testCount])))
    }

    /// The examples in consecutive batches of `size`, the last one smaller when `size` does
    /// not divide `count`. With a seed the examples are shuffled first (the same seed gives
    /// the same batches on every machine); with `nil` they keep their order.
    public func batches(of size: Int, shuffledWith seed: UInt64?) -> [Dataset] {
        check(size > 0, "Dataset.batches(of:shuffledWith:): batch size must be positive, got \(size)")
        let order = seed.map { Self.shuffledIndices(count: count, seed: $0) } ?? Array(0..<count)
        return stride(from: 0, to: count, by: size).map { start in
            subset(Array(order[start ..< min(start + size, count)]))
        }
    }

    /// `0..<count` in the order of a Fisher–Yates shuffle driven by SplitMix64, each swap
    /// partner drawn as the high word of `next() × (i + 1)`, so the order is fully specified.
    static func shuffledIndices(count: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var indices = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            indices.swapAt(i, j)
        }
        return indices
    }
}
