import AutogradTestSupport
import Foundation
import Testing
import Autograd

/// Whether the process loaded OpenBLAS, judged by an entry point the setting does not use.
private let openBLASLoaded = dlsym(nil, "openblas_get_config") != nil

/// `BLASBackend.threadCount`: OpenBLAS's thread count where OpenBLAS is loaded, 1 and inert
/// elsewhere. The suite is serialised and restores the count it found, since the setting is
/// process-wide.
@Suite("BLAS thread count", .serialized)
struct BLASThreadsTests {
    @Test("where OpenBLAS is loaded, a count set is the count read back", .enabled(if: openBLASLoaded))
    func roundTrip() {
        let original = BLASBackend.threadCount
        defer { BLASBackend.threadCount = original }
        for count in [1, 2, 1] {
            BLASBackend.threadCount = count
            #expect(BLASBackend.threadCount == count)
        }
    }

    @Test("where another BLAS is loaded, the count reads 1 and setting it does nothing", .disabled(if: openBLASLoaded))
    func otherBLAS() {
        BLASBackend.threadCount = 4
        #expect(BLASBackend.threadCount == 1)
    }

    @Test("a GEMM large enough to be split gives bit-identical results on 1 and 2 threads", arguments: DType.allCases)
    func bitIdenticalAcrossThreadCounts(dtype: DType) {
        let original = BLASBackend.threadCount
        defer { BLASBackend.threadCount = original }
        // 513 × 300 × 257 is far above OpenBLAS's threshold for splitting a GEMM (m·n·k ≥ 2¹⁸),
        // and no size is a multiple of a block size.
        let a = Tensor.randomNormal([513, 300], seed: 11, dtype: dtype)
        let b = Tensor.randomNormal([300, 257], seed: 12, dtype: dtype)
        BLASBackend.threadCount = 1
        let single = matmul(a, b).scalars
        BLASBackend.threadCount = 2
        let double = matmul(a, b).scalars
        #expect(single.count == 513 * 257)
        #expect(single == double)
    }

    @Test("a count below 1 traps naming the setting and the count", arguments: [0, -3])
    func countBelowOne(count: Int) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [count] in
            BLASBackend.threadCount = count
        }
        #expect(standardError(of: result).contains("BLASBackend.threadCount: needs a count of at least 1, got \(count)"))
    }
}
