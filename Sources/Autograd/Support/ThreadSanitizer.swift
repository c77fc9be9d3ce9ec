import Glibc

/// ThreadSanitizer's happens-before annotations, when the process runs under it.
///
/// `Synchronization.Mutex` locks with futexes inside the uninstrumented standard library
/// (Swift 6.3.1 on Linux), so ThreadSanitizer does not see it order anything: every access it
/// guards is reported as a race. A tensor's lock tells ThreadSanitizer itself, through these
/// functions, which exist only in a process built with `--sanitize=thread` (elsewhere the
/// lookup finds nothing and each call is a load and a branch).
enum ThreadSanitizer {
    private typealias Annotation = @convention(c) (UnsafeRawPointer) -> Void

    /// `__tsan_acquire`: what was released at `address` happens before what follows.
    private static let acquireFunction = dlsym(nil, "__tsan_acquire").map { unsafeBitCast($0, to: Annotation.self) }
    /// `__tsan_release`: what came before happens before a later acquire at `address`.
    private static let releaseFunction = dlsym(nil, "__tsan_release").map { unsafeBitCast($0, to: Annotation.self) }

    /// Tells ThreadSanitizer that the lock identified by `address` was just taken.
    @inline(__always)
    static func acquire(_ address: UnsafeRawPointer) { acquireFunction?(address) }

    /// Tells ThreadSanitizer that the lock identified by `address` is about to be released.
    @inline(__always)
    static func release(_ address: UnsafeRawPointer) { releaseFunction?(address) }
}
