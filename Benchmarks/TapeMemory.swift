import Autograd
import Foundation

/// The tape's memory: the per-op chain, 10,000 ops on a 1,000-element float64 vector, forward
/// only with the graph kept alive, as the growth of the peak resident set per op. Run in a
/// fresh process (`Benchmarks --tape-memory`), so no earlier workload's freed memory is reused.
///
/// Baseline: after the input exists and a 3-op chain has run and been freed (code and
/// allocator set up), the current resident set (VmRSS); then the peak (VmHWM) once the
/// 10,000-op graph exists. Growth ÷ 10,000 is the figure; one saved vector is 8,000 bytes.
func measureTapeMemory() {
    let length = 10_000
    let x = Tensor.randomNormal([1_000], seed: 1).requiringGradient()
    _ = chain(from: x, length: 3)
    let baseline = memoryStatus("VmRSS")
    let graph = chain(from: x, length: length)
    let peak = memoryStatus("VmHWM")
    withExtendedLifetime(graph) {}
    emit([
        "benchmark": "tape-memory", "framework": "swift-autograd", "ops": length, "elements": 1_000,
        "baselineBytes": baseline, "peakBytes": peak, "bytesPerOp": Double(peak - baseline) / Double(length),
    ])
}

/// A field of /proc/self/status in bytes (`VmRSS`, the resident set; `VmHWM`, its peak).
func memoryStatus(_ field: String) -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
    let kibibytes = line.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
    check(kibibytes != nil, "memoryStatus: /proc/self/status has no \(field) in kB (Linux only)")
    return kibibytes! * 1024
}
