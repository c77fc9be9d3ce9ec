import Autograd
import Dispatch
import Foundation
import Synchronization

/// The number of application threads of the "blas-threads" workload: the command line's
/// `--application-threads` (default 8), stored by main.swift before any workload runs.
let applicationThreadCount = Atomic<Int>(8)

/// `applicationThreadCount` threads of the application, each running 16 products of 256 × 256
/// float64 matrices, timed with BLAS on one thread per core and on 1 thread: what OpenBLAS's
/// own thread pool costs when the application already keeps the cores busy. The ratio is
/// the first time ÷ the second, both from this run. Restores the BLAS thread count it found.
func benchmarkBLASThreads() {
    let threads = applicationThreadCount.load(ordering: .relaxed)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let original = BLASBackend.threadCount
    defer { BLASBackend.threadCount = original }
    let coreSeconds = applicationThreadsSeconds(threads: threads, blasThreads: cores)
    let coreThreadsInEffect = BLASBackend.threadCount
    let oneSeconds = applicationThreadsSeconds(threads: threads, blasThreads: 1)
    emit([
        "benchmark": "blas-threads", "framework": "swift-autograd", "applicationThreads": threads, "cores": cores,
        "blasThreadsPerCoreInEffect": coreThreadsInEffect, "perCoreSeconds": coreSeconds, "oneThreadSeconds": oneSeconds,
        "ratio": coreSeconds / oneSeconds,
    ])
}

/// The median seconds (3 repetitions) of `threads` threads each running 16 products of
/// 256 × 256 float64 matrices, with BLAS on `blasThreads` threads.
func applicationThreadsSeconds(threads: Int, blasThreads: Int) -> Double {
    let size = 256
    // Each thread makes its own tensors from these values, so no tensor is shared between threads.
    let aValues = Tensor.randomNormal([size, size], seed: 5).scalars
    let bValues = Tensor.randomNormal([size, size], seed: 6).scalars
    BLASBackend.threadCount = blasThreads
    return medianSeconds(repetitions: 3) {
        let finished = DispatchGroup()
        for _ in 0..<threads {
            finished.enter()
            // Threads of their own: Dispatch's concurrentPerform would run only one per core.
            Thread {
                let a = Tensor(shape: [size, size], scalars: aValues), b = Tensor(shape: [size, size], scalars: bValues)
                for _ in 0..<16 { _ = matmul(a, b) }
                finished.leave()
            }.start()
        }
        finished.wait()
    }
}
