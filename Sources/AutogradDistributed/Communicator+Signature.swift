import Autograd
import CMPI

/// What every rank must agree on before a collective moves values: the count of tensors and
/// each one's element type and shape, in order.
package struct TensorListSignature: Equatable {
    /// Each tensor's element type and shape, in the list's order.
    package let tensors: [(dtype: DType, shape: [Int])]

    /// The signature of `tensors`.
    package init(of tensors: [Tensor]) {
        self.tensors = tensors.map { ($0.dtype, $0.shape) }
    }

    /// The signature `encoded` decodes to (the inverse of `encoded`).
    package init(decoding encoded: ArraySlice<Int64>) {
        var position = encoded.startIndex + 1
        var tensors: [(dtype: DType, shape: [Int])] = []
        for _ in 0 ..< Int(encoded[encoded.startIndex]) {
            let dtype = DType.allCases[Int(encoded[position])]
            let rank = Int(encoded[position + 1])
            let shape = encoded[position + 2 ..< position + 2 + rank].map { Int($0) }
            tensors.append((dtype, shape))
            position += 2 + rank
        }
        self.tensors = tensors
    }

    /// The count, then per tensor its element type's position in `DType.allCases`, its rank and its shape.
    package var encoded: [Int64] {
        var result = [Int64(tensors.count)]
        for (dtype, shape) in tensors {
            result += [Int64(DType.allCases.firstIndex(of: dtype)!), Int64(shape.count)] + shape.map { Int64($0) }
        }
        return result
    }

    /// A 64-bit FNV-1a hash of `encoded`: equal on every rank when the signatures are.
    package var digest: Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for word in encoded {
            for byteIndex in 0 ..< 8 {
                hash = (hash ^ UInt64(truncatingIfNeeded: word >> (8 * byteIndex)) & 0xff) &* 0x100_0000_01b3
            }
        }
        return Int64(bitPattern: hash)
    }

    /// Whether two signatures list the same element types and shapes (their encodings, which
    /// determine them, are equal).
    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.encoded == rhs.encoded }

    /// Why `self` (this rank's, `rank`) and `other` (rank `otherRank`'s) differ, naming the
    /// first tensor that does; `nil` when they agree.
    package func difference(from other: Self, rank: Int, otherRank: Int) -> String? {
        guard tensors.count == other.tensors.count else {
            return "rank \(rank) passes \(tensors.count) tensors but rank \(otherRank) passes \(other.tensors.count)"
        }
        for (index, (mine, theirs)) in zip(tensors, other.tensors).enumerated()
        where mine.dtype != theirs.dtype || mine.shape != theirs.shape {
            return "tensor \(index) has shape \(mine.shape) (\(mine.dtype)) on rank \(rank) but shape \(theirs.shape) (\(theirs.dtype)) on rank \(otherRank)"
        }
        return nil
    }
}

extension Communicator {
    /// Traps, on every rank, when the ranks pass lists of different counts, shapes or element
    /// types to `collective`, naming this rank, the first tensor that differs and both shapes.
    ///
    /// Every call all-reduces a 16-byte digest of the list (the maximum of the digest and of
    /// its complement: they agree everywhere only when every rank's digest is the same), which
    /// every rank does whatever its list, so the ranks never part ways; only when the digests
    /// differ are the full signatures all-gathered to write the message.
    func checkSameTensorsOnEveryRank(_ tensors: [Tensor], collective: String) throws(DistributedError) {
        let signature = TensorListSignature(of: tensors)
        let digest = signature.digest
        var extremes: [Int64] = [digest, ~digest]
        watchdog.update("\(collective), signature check")
        try checkMPI(
            MPI_Allreduce(cmpi_in_place(), &extremes, 2, cmpi_int64(), cmpi_op_max(), handle),
            "\(collective), signature check")
        guard extremes[0] != ~extremes[1] else { return }
        let everyRank = try allGathered(signature.encoded, operation: "\(collective), signature check")
        for (otherRank, encoded) in everyRank.enumerated() where otherRank != rank {
            if let difference = signature.difference(from: TensorListSignature(decoding: encoded), rank: rank, otherRank: otherRank) {
                checkFailed("""
                    \(collective): the ranks pass different tensors: \(difference). Every rank must pass the same \
                    number of tensors, with the same shapes and element types, in the same order
                    """)
            }
        }
        checkFailed("\(collective): the signature digests differ between ranks but the signatures are equal (a hash collision)")
    }

    /// Every rank's `values` (of any length), by rank: `MPI_Allgather` of the lengths, then `MPI_Allgatherv`.
    private func allGathered(_ values: [Int64], operation: String) throws(DistributedError) -> [ArraySlice<Int64>] {
        var length = Int32(values.count)
        var lengths = [Int32](repeating: 0, count: size)
        try checkMPI(MPI_Allgather(&length, 1, cmpi_int32(), &lengths, 1, cmpi_int32(), handle), operation)
        var offsets = [Int32](repeating: 0, count: size)
        for index in lengths.indices.dropFirst() { offsets[index] = offsets[index - 1] + lengths[index - 1] }
        var gathered = [Int64](repeating: 0, count: Int(lengths.reduce(0, +)))
        var sent = values
        try checkMPI(
            MPI_Allgatherv(&sent, length, cmpi_int64(), &gathered, &lengths, &offsets, cmpi_int64(), handle), operation)
        return lengths.indices.map { gathered[Int(offsets[$0]) ..< Int(offsets[$0] + lengths[$0])] }
    }
}
