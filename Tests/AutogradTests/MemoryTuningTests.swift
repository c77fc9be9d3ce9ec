import Foundation
import Testing
@testable import Autograd

/// Where the tests keep their block: a global, so an optimised build cannot elide the
/// allocation as it may a `malloc` whose pointer is only freed.
nonisolated(unsafe) var allocatedBlock: UnsafeMutableRawPointer?

/// glibc's `mallinfo2` tells where a block came from: `hblkhd` counts bytes in blocks of their
/// own `mmap`, `uordblks` bytes in use from malloc's heaps. Each test runs in a child process,
/// so no other test's allocations move the counts.
@Suite("Malloc tuning", .serialized)
struct MemoryTuningTests {
    @Test("after the tuning a 40 MiB block comes from malloc's heap, not from mmap")
    func largeBlockFromHeap() async {
        await #expect(processExitsWith: .success) {
            MemoryTuning.prepare()
            if MemoryTuning.outcome != .applied { exit(2) }
            let before = MemoryTuning.usage()
            allocatedBlock = malloc(40 << 20)
            let after = MemoryTuning.usage()
            free(allocatedBlock)
            exit(after.mmapped == before.mmapped && after.heapInUse - before.heapInUse >= 40 << 20 ? 0 : 1)
        }
    }

    @Test("without the tuning the same block is mmap'ed (so the test above can fail)")
    func largeBlockMappedByDefault() async {
        await #expect(processExitsWith: .success) {
            let before = MemoryTuning.usage()
            allocatedBlock = malloc(40 << 20)
            let after = MemoryTuning.usage()
            free(allocatedBlock)
            exit(after.mmapped - before.mmapped >= 40 << 20 ? 0 : 1)
        }
    }

    @Test("a user's MALLOC_MMAP_THRESHOLD_ wins: glibc's threshold stands and the tuning says so")
    func userSettingWins() async {
        let previous = ProcessInfo.processInfo.environment["MALLOC_MMAP_THRESHOLD_"]
        setenv("MALLOC_MMAP_THRESHOLD_", "131072", 1)
        defer { if let previous { setenv("MALLOC_MMAP_THRESHOLD_", previous, 1) } else { unsetenv("MALLOC_MMAP_THRESHOLD_") } }
        await #expect(processExitsWith: .success) {
            MemoryTuning.prepare()
            if MemoryTuning.outcome != .leftToUser { exit(2) }
            let before = MemoryTuning.usage()
            allocatedBlock = malloc(40 << 20)
            let after = MemoryTuning.usage()
            free(allocatedBlock)
            exit(after.mmapped - before.mmapped >= 40 << 20 ? 0 : 1)
        }
    }
}
