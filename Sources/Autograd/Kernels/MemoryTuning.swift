import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// Keeps large tensor buffers in the process for reuse.
///
/// glibc's malloc serves blocks above a few megabytes with fresh `mmap` pages and trims
/// freed memory back to the system, so every training step page-faults its large buffers
/// in again: 24 MB of buffers per 1024 × 1024 matmul forward and backward cost 15–25 % of
/// the BLAS time. Raising the mmap threshold to 64 MiB and the trim threshold to 256 MiB
/// (what PyTorch's caching allocator achieves by other means) removes that cost. A user's
/// `MALLOC_MMAP_THRESHOLD_` or `MALLOC_TRIM_THRESHOLD_` leaves both alone.
enum MemoryTuning {
    private static let tuning: Void = {
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil && getenv("MALLOC_TRIM_THRESHOLD_") == nil else { return }
        _ = cla_set_malloc_thresholds(64 << 20, 256 << 20)
    }()

    /// Applies the tuning once; cheap afterwards.
    @inline(__always)
    static func prepare() { _ = tuning }
}
