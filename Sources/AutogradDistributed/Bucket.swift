import Autograd

/// Tensors of one element type whose values travel in one MPI message, one after another:
/// PyTorch DDP's gradient bucket (`bucket_cap_mb`), Horovod's fusion buffer
/// (`HOROVOD_FUSION_THRESHOLD`).
package struct Bucket: Equatable, Sendable, CustomStringConvertible {
    /// The element type of every tensor in the bucket.
    package let dtype: DType
    /// The positions, in the list passed to the collective, of the bucket's tensors, in order.
    package let tensorIndices: [Int]
    /// The number of values in the bucket, the sum of its tensors' counts.
    package let elementCount: Int

    /// A bucket of `dtype` holding the tensors at `tensorIndices`, `elementCount` values in all.
    package init(dtype: DType, tensorIndices: [Int], elementCount: Int) {
        self.dtype = dtype
        self.tensorIndices = tensorIndices
        self.elementCount = elementCount
    }

    /// The size of the message in bytes.
    package var byteCount: Int { elementCount * dtype.byteCount }

    /// "3 float32 tensors, 4096 bytes".
    package var description: String {
        "\(tensorIndices.count) \(dtype) tensor\(tensorIndices.count == 1 ? "" : "s"), \(byteCount) bytes"
    }

    /// The buckets for tensors of the given element types and value counts (one entry per
    /// tensor, in the list's order): per element type (in the order the types first appear),
    /// consecutive tensors fill a bucket while it stays within `capacity` bytes; a tensor
    /// larger than `capacity` gets a bucket of its own.
    ///
    /// Every rank computes the same plan from the same list, so the buckets match message for
    /// message. Traps when `capacity` is not positive or the counts do not match the types.
    package static func plan(dtypes: [DType], elementCounts: [Int], capacity: Int) -> [Bucket] {
        check(capacity > 0, "Bucket.plan: the bucket capacity must be positive, got \(capacity) bytes")
        check(dtypes.count == elementCounts.count,
              "Bucket.plan: \(dtypes.count) element types for \(elementCounts.count) value counts")
        var typesInOrder: [DType] = []
        for dtype in dtypes where !typesInOrder.contains(dtype) { typesInOrder.append(dtype) }
        var buckets: [Bucket] = []
        for dtype in typesInOrder {
            var indices: [Int] = []
            var count = 0
            for index in dtypes.indices where dtypes[index] == dtype {
                let addedBytes = elementCounts[index] * dtype.byteCount
                if !indices.isEmpty && (count * dtype.byteCount + addedBytes > capacity) {
                    buckets.append(Bucket(dtype: dtype, tensorIndices: indices, elementCount: count))
                    indices = []
                    count = 0
                }
                indices.append(index)
                count += elementCounts[index]
            }
            if !indices.isEmpty { buckets.append(Bucket(dtype: dtype, tensorIndices: indices, elementCount: count)) }
        }
        return buckets
    }
}
