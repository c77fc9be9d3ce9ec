// The benchmark workloads of swift-autograd. Without options it runs each once and prints
// JSON lines: only what this run measured, nothing asserted. `scripts/bench` uses the hidden
// modes: `--serve` (workload names on standard input, one JSON line back for each, so the
// same workloads in PyTorch (Benchmarks/pytorch_reference.py) can be interleaved with ours),
// `--tape-memory` (in a fresh process) and `--chain-only` (for scripts/count-instructions).
import ArgumentParser
import ExampleSupport
import Foundation

/// The command line; options are checked before any work.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Benchmarks",
        abstract: "Time the engine's per-op overhead, MLP training, higher order, matmul and linear algebra (InverseNorm, a Gaussian-process likelihood, solve), convolution, and BLAS threads under application threads; print JSON lines.",
        discussion: "Run it through scripts/bench (release mode; --compare interleaves the same workloads in PyTorch eager).")

    /// Read workload names from standard input, one a line, and answer each with its JSON line.
    @Flag(help: .hidden)
    var serve = false

    /// Measure the tape's memory and nothing else (a fresh process, for scripts/bench).
    @Flag(help: .hidden)
    var tapeMemory = false

    /// Run the per-op chain this many times and print nothing (for scripts/count-instructions).
    @Option(help: .hidden)
    var chainOnly: Int?

    /// The number of application threads of the "blas-threads" workload.
    @Option(help: "Application threads of the blas-threads workload (1–256).")
    var applicationThreads = 8

    /// Refuses a negative or huge `--chain-only` or `--application-threads`, and more than one mode.
    mutating func validate() throws {
        if let chainOnly { try requireInRange(chainOnly, 0...100_000, name: "--chain-only") }
        try requireInRange(applicationThreads, 1...256, name: "--application-threads")
        guard [serve, tapeMemory, chainOnly != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("--serve, --tape-memory and --chain-only exclude each other")
        }
    }
}

let options = Options.parseOrExit()
applicationThreadCount.store(options.applicationThreads, ordering: .relaxed)
if let count = options.chainOnly {
    runChains(count)
} else if options.tapeMemory {
    measureTapeMemory()
} else if options.serve {
    while let name = readLine() { try runWorkload(named: name) }
} else {
    for (_, workload) in workloads { try workload() }
}
