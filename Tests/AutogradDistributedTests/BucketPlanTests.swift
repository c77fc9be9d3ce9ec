import Autograd
import AutogradDistributed
import AutogradTestSupport
import Testing

/// How `allReduce` and `broadcast` pack tensors into messages, checked without MPI.
@Suite("Bucket plans")
struct BucketPlanTests {
    /// A list of tensors (element type, value count), a capacity, and the buckets expected,
    /// each as the positions of its tensors (worked out by hand from the rule: per type in
    /// order of first appearance, fill while within capacity, a larger tensor alone).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let tensors: [(DType, Int)]
        let capacity: Int
        let expected: [[Int]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "everything in one bucket", tensors: [(.float64, 3), (.float64, 4)], capacity: 1024, expected: [[0, 1]]),
        Case(name: "exactly full, then a new bucket", tensors: [(.float32, 2), (.float32, 2), (.float32, 1)], capacity: 16,
             expected: [[0, 1], [2]]),
        Case(name: "a tensor larger than a bucket travels alone", tensors: [(.float64, 1), (.float64, 5), (.float64, 1)],
             capacity: 16, expected: [[0], [1], [2]]),
        Case(name: "types apart, in order of first appearance",
             tensors: [(.float64, 1), (.float32, 1), (.float64, 1), (.float32, 1)], capacity: 1024, expected: [[0, 2], [1, 3]]),
        Case(name: "CollectiveChecks' list: 7 buckets of 16 bytes",
             tensors: [(.float32, 3), (.float64, 2), (.float32, 0), (.float64, 1), (.float32, 4), (.float64, 5), (.float32, 1), (.float64, 1)],
             capacity: 16, expected: [[0, 2], [4], [6], [1], [3], [5], [7]]),
        Case(name: "no tensors, no buckets", tensors: [], capacity: 16, expected: []),
    ]

    @Test("tensors per bucket", arguments: cases)
    func plan(_ testCase: Case) {
        let buckets = Bucket.plan(
            dtypes: testCase.tensors.map(\.0), elementCounts: testCase.tensors.map(\.1), capacity: testCase.capacity)
        #expect(buckets.map(\.tensorIndices) == testCase.expected)
        for bucket in buckets {
            #expect(bucket.tensorIndices.allSatisfy { testCase.tensors[$0].0 == bucket.dtype })
            #expect(bucket.elementCount == bucket.tensorIndices.map { testCase.tensors[$0].1 }.reduce(0, +))
        }
    }

    @Test("the MLP's gradient fits one bucket of the default 25 MiB, in either type")
    func defaultCapacity() {
        // 784→256→256→10: weights and biases, 269,322 values (1.08 MB in float32, 2.15 MB in float64).
        let counts = [256 * 784, 256, 256 * 256, 256, 10 * 256, 10]
        #expect(counts.reduce(0, +) == 269_322)
        for dtype in DType.allCases {
            let buckets = Bucket.plan(dtypes: Array(repeating: dtype, count: 6), elementCounts: counts,
                                      capacity: Communicator.defaultBucketCapacity)
            #expect(buckets.count == 1 && buckets[0].byteCount == 269_322 * dtype.byteCount)
        }
    }

    @Test("a capacity that is not positive traps")
    func zeroCapacity() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Bucket.plan(dtypes: [.float64], elementCounts: [1], capacity: 0)
        }
        #expect(standardError(of: result).contains("Bucket.plan: the bucket capacity must be positive, got 0 bytes"))
    }
}

/// The signature compared across ranks before a collective, checked without MPI.
@Suite("Tensor list signatures")
struct TensorListSignatureTests {
    @Test("encoding round-trips, and equal lists have equal digests")
    func roundTrip() {
        let tensors = [Tensor.ones([2, 3]), Tensor.zeros([], dtype: .float32), Tensor.ones([0, 4], dtype: .float32)]
        let signature = TensorListSignature(of: tensors)
        #expect(signature.encoded == [3, 1, 2, 2, 3, 0, 0, 0, 2, 0, 4])
        #expect(TensorListSignature(decoding: signature.encoded[...]) == signature)
        #expect(TensorListSignature(of: tensors.map { $0 + 1 }).digest == signature.digest)
    }

    /// Two lists that differ, and the explanation expected from rank 0 about rank 1.
    static let differences: [(mine: [Tensor], theirs: [Tensor], expected: String)] = [
        ([.ones([2, 3])], [.ones([3, 2])], "tensor 0 has shape [2, 3] (float64) on rank 0 but shape [3, 2] (float64) on rank 1"),
        ([.ones([4]), .ones([2])], [.ones([4]), .ones([2], dtype: .float32)],
         "tensor 1 has shape [2] (float64) on rank 0 but shape [2] (float32) on rank 1"),
        ([.ones([4]), .ones([2])], [.ones([4])], "rank 0 passes 2 tensors but rank 1 passes 1"),
    ]

    @Test("differences name the tensor and both shapes", arguments: 0..<3)
    func difference(_ index: Int) {
        let (mine, theirs, expected) = Self.differences[index]
        let signature = TensorListSignature(of: mine), other = TensorListSignature(of: theirs)
        #expect(signature.difference(from: other, rank: 0, otherRank: 1) == expected)
        #expect(signature.digest != other.digest)
        #expect(signature.difference(from: signature, rank: 0, otherRank: 1) == nil)
    }
}
