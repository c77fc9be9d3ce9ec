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

    // OpenBLAS does not promise the same rounding on 1 and 2 threads: its float32 GEMM on this
    // machine (AMD EPYC, Zen kernels) differed in the last bits when split, its float64 GEMM did
    // not. Both must stay within the standard error bound of a k-term product, |ΔC| ≤ 2·k·u·(|A|·|B|)
    // (Higham, Accuracy and Stability of Numerical Algorithms, §3.5), of each other.
    @Test("a GEMM split over 2 threads agrees with 1 thread within the GEMM error bound", arguments: DType.allCases)
    func agreementAcrossThreadCounts(dtype: DType) {
        let original = BLASBackend.threadCount
        defer { BLASBackend.threadCount = original }
        // 513 × 300 × 257 is far above OpenBLAS's threshold for splitting a GEMM (m·n·k ≥ 2¹⁸),
        // and no size is a multiple of a block size.
        let a = Tensor.randomNormal([513, 300], seed: 11, dtype: dtype)
        let b = Tensor.randomNormal([300, 257], seed: 12, dtype: dtype)
        BLASBackend.threadCount = 1
        let single = matmul(a, b).scalars
        BLASBackend.threadCount = 2
        let split = matmul(a, b).scalars
        let magnitudes = matmul(abs(a), abs(b)).scalars
        let unitRoundoff = dtype == .float32 ? Double(Float.ulpOfOne) / 2 : Double.ulpOfOne / 2
        let violations = zip(zip(single, split), magnitudes).filter { pair, magnitude in
            abs(pair.0 - pair.1) > 2 * 300 * unitRoundoff * magnitude
        }
        #expect(single.count == 513 * 257)
        #expect(violations.isEmpty, "\(violations.count) of \(single.count) values differ by more than the bound")
    }

    @Test("a count below 1 traps naming the setting and the count", arguments: [0, -3])
    func countBelowOne(count: Int) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [count] in
            BLASBackend.threadCount = count
        }
        #expect(standardError(of: result).contains("BLASBackend.threadCount: needs a count of at least 1, got \(count)"))
    }
}
