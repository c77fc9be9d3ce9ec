import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#endif

/// Keeps large tensor buffers in the process for reuse.
///
/// glibc's malloc serves blocks above its mmap threshold (128 KiB at first, rising with the
/// sizes freed up to 32 MiB) with fresh `mmap` pages and trims freed memory at the top of its
/// heap back to the system, so large buffers can be page-faulted in again on every training step.
/// Raising the mmap threshold to 64 MiB and the trim threshold to 256 MiB (what PyTorch's
/// caching allocator achieves by other means) keeps blocks up to 64 MiB in malloc's heap.
/// A user's `MALLOC_MMAP_THRESHOLD_` or `MALLOC_TRIM_THRESHOLD_` leaves both alone.
///
/// A tuning that does not take effect is not an error: `outcome` records it, and nothing traps.
enum MemoryTuning {
    /// What the one-time tuning did.
    enum Outcome: Equatable {
        /// Both thresholds were raised.
        case applied
        /// The user set `MALLOC_MMAP_THRESHOLD_` or `MALLOC_TRIM_THRESHOLD_`; glibc follows them.
        case leftToUser
        /// `mallopt` refused a value, or the C library is not glibc: its defaults stand.
        case unavailable
    }

    /// The outcome of the tuning, which runs on first use.
    static let outcome: Outcome = {
        guard getenv("MALLOC_MMAP_THRESHOLD_") == nil && getenv("MALLOC_TRIM_THRESHOLD_") == nil else { return .leftToUser }
        return cla_set_malloc_thresholds(64 << 20, 256 << 20) != 0 ? .applied : .unavailable
    }()

    /// Applies the tuning once; cheap afterwards.
    @inline(__always)
    static func prepare() { _ = outcome }

    /// Bytes malloc holds in blocks of their own `mmap`, and bytes in use from its heaps
    /// (glibc's `mallinfo2`: `hblkhd` and `uordblks`); zeros where the C library is not glibc.
    static func usage() -> (mmapped: Int, heapInUse: Int) {
        let usage = cla_malloc_usage()
        return (usage.mmapped, usage.heapInUse)
    }
}
