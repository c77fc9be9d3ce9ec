/// The cotangents a `backward()` pass has delivered but not yet sent further, ordered so the
/// newest tensor comes out first.
///
/// A tensor depends only on older tensors, so every consumer of a tensor is newer than it:
/// popping by decreasing `creationIndex` visits a tensor only after all its consumers, with its
/// cotangent complete. That makes the creation order a topological order for free, with no
/// walk beforehand and no hashing: contributions to one tensor are separate entries, which come
/// out together (the index is unique) and are summed in the order they were delivered.
struct CotangentQueue {
    private struct Entry {
        let creationIndex: UInt64
        /// Delivery order, to sum contributions to one tensor as they arrived.
        let sequence: Int
        let tensor: Tensor
        let cotangent: Tensor

        /// Whether this entry comes out before `other`.
        func precedes(_ other: Entry) -> Bool {
            creationIndex != other.creationIndex ? creationIndex > other.creationIndex : sequence < other.sequence
        }
    }

    /// A binary heap by `precedes`.
    private var heap: [Entry] = []
    private var delivered = 0

    /// Adds `cotangent` to what `tensor` has received.
    mutating func deliver(_ cotangent: Tensor, to tensor: Tensor) {
        heap.append(Entry(creationIndex: tensor.creationIndex, sequence: delivered, tensor: tensor, cotangent: cotangent))
        delivered += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The newest tensor still waiting and the sum of everything delivered to it, or `nil`
    /// when none is left.
    mutating func popNewest() -> (tensor: Tensor, cotangent: Tensor)? {
        guard let first = popEntry() else { return nil }
        var cotangent = first.cotangent
        while let next = heap.first, next.creationIndex == first.creationIndex {
            cotangent = cotangent + popEntry()!.cotangent
        }
        return (first.tensor, cotangent)
    }

    private mutating func popEntry() -> Entry? {
        guard heap.count > 1 else { return heap.popLast() }
        let top = heap[0]
        heap[0] = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count && heap[left].precedes(heap[first]) { first = left }
            if right < heap.count && heap[right].precedes(heap[first]) { first = right }
            guard first != parent else { return top }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
