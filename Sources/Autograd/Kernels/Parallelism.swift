import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Splits long elementwise loops across threads, as PyTorch's CPU kernels do. Each thread
/// writes its own slice of the output, so results are identical for any thread count.
enum Parallelism {
    /// The threads a loop may use: `OPENBLAS_NUM_THREADS` when set, so one setting governs the
    /// BLAS calls and the elementwise loops (as `torch.set_num_threads` does), else the cores
    /// the process may run on.
    static let threadCount: Int = {
        if let setting = getenv("OPENBLAS_NUM_THREADS").flatMap({ Int(String(cString: $0)) }), setting > 0 {
            return setting
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Loops shorter than this run on the calling thread: handing a slice to another thread
    /// costs a few microseconds, which a shorter loop does not win back.
    static let minimumParallelCount = 32_768

    /// Calls `body` with disjoint ranges that cover `0..<count`, on several threads when `count`
    /// is large and more than one is allowed, else once with the whole range.
    @inline(__always)
    static func forEachSlice(of count: Int, _ body: (Range<Int>) -> Void) {
        guard count >= minimumParallelCount && threadCount > 1 else { return body(0..<count) }
        // Four slices a thread, so a thread that wakes late leaves less of the loop to the others
        // (measured: 2 slices ran a 32,768-element tanh 1.5× faster on 2 cores, 8 slices 1.8×).
        let slices = min(4 * threadCount, count / 4_096)
        let sliceSize = (count + slices - 1) / slices
        withoutActuallyEscaping(body) { body in
            let unchecked = UncheckedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                let start = slice * sliceSize
                unchecked.body(start..<min(start + sliceSize, count))
            }
        }
    }

    /// The loop body crossing to worker threads. It only writes disjoint slices of one output
    /// buffer, which the caller keeps alive until every slice is done.
    private struct UncheckedBody: @unchecked Sendable {
        let body: (Range<Int>) -> Void
    }
}
