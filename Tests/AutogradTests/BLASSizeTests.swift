import AutogradTestSupport
import Testing
@testable import Autograd

/// Sizes go to BLAS and LAPACK as 32-bit integers; a size of 2³¹ or more traps naming the
/// operation and the size, before anything is allocated or read. The kernels are called
/// with empty buffers and the sizes a 16 GiB operand would have, so nothing large exists.
@Suite("Sizes beyond the 32-bit BLAS/LAPACK integer")
struct BLASSizeTests {
    @Test("a LAPACK workspace size reported in float32 is never read below the true count")
    func float32WorkspaceCount() {
        // 2²⁴ + 1 rounds down to 2²⁴ in float32: reading it back as it is would be one short.
        #expect(Kernels.workspaceCount(reported: Float(16_777_217)) >= 16_777_217)
        #expect(Kernels.workspaceCount(reported: Float(100)) == 101)
        #expect(Kernels.workspaceCount(reported: 100.0) == 101)
    }

    @Test("a matrix-vector product with 2³¹ columns traps naming matmul and the size", arguments: DType.allCases)
    func matrixVector(dtype: DType) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [dtype] in
            let empty = TensorStorage(repeating: 0, count: 0, dtype: dtype)
            _ = Kernels.matrixProduct(empty, rows: 1, columns: 1 << 31, transposed: false, empty, rows: 1 << 31, columns: 1, transposed: false)
        }
        let message = standardError(of: result)
        #expect(message.contains("matmul") && message.contains("2147483648"), "\(message)")
    }

    @Test("a matrix product with 2³¹ rows traps naming matmul and the size", arguments: DType.allCases)
    func matrixMatrix(dtype: DType) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [dtype] in
            let empty = TensorStorage(repeating: 0, count: 0, dtype: dtype)
            _ = Kernels.matrixProduct(empty, rows: 1 << 31, columns: 2, transposed: true, empty, rows: 1 << 31, columns: 2, transposed: false)
        }
        let message = standardError(of: result)
        #expect(message.contains("matmul") && message.contains("2147483648"), "\(message)")
    }

    @Test("an inverse of size 2³¹ traps naming inverse and the size, before allocating its pivots", arguments: DType.allCases)
    func inverse(dtype: DType) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [dtype] in
            let empty = TensorStorage(repeating: 0, count: 0, dtype: dtype)
            _ = try? Kernels.invert(empty, size: 1 << 31)
        }
        let message = standardError(of: result)
        #expect(message.contains("inverse") && message.contains("2147483648"), "\(message)")
    }

    @Test("the largest 32-bit size passes the check")
    func largestSizePasses() {
        Kernels.checkFitsBLASInteger(Int(Int32.max), in: "matmul")
    }
}
