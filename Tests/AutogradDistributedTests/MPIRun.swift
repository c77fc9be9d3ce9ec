import Foundation

/// What a run of `mpirun ... PROGRAM` printed and how it ended.
struct MPIRunResult: CustomStringConvertible {
    /// mpirun's exit status (the processes' status, or 128 + the signal that ended one).
    let status: Int32
    /// Standard output and standard error of mpirun and every rank, interleaved.
    let output: String
    /// Whether the time limit ran out and the run was terminated.
    let timedOut: Bool
    /// How long the run took.
    let duration: Duration

    /// The status, duration and output, for failing expectations.
    var description: String { "status \(status) after \(duration)\(timedOut ? " (time limit)" : ""):\n\(output)" }
}

/// The folder of this test binary, where the test programs (CollectiveChecks,
/// DataParallelExactness) are built too, whatever the configuration or scratch path: debug,
/// release, a sanitizer's folder.
let builtProgramsFolder = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]).deletingLastPathComponent()

/// Runs `mpirun -np ranks --allow-run-as-root --oversubscribe PROGRAM arguments` for a program
/// built beside this test binary (CollectiveChecks by default), with `environment` added (and
/// Swift's backtracer off, so a trap's message ends the output), terminating it after `timeLimit`.
func runUnderMPI(
    _ program: String = "CollectiveChecks", _ arguments: [String] = [], ranks: Int = 2,
    environment: [String: String] = [:], timeLimit: Duration = .seconds(60)
) throws -> MPIRunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["mpirun", "-np", "\(ranks)", "--allow-run-as-root", "--oversubscribe",
                         builtProgramsFolder.appendingPathComponent(program).path] + arguments
    process.environment = ProcessInfo.processInfo.environment
        .merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        .merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let start = ContinuousClock.now
    try process.run()
    let expired = DispatchWorkItem { process.terminate() }
    let (seconds, attoseconds) = timeLimit.components
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000)),
                                      execute: expired)
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let timedOut = expired.isCancelled == false && ContinuousClock.now - start >= timeLimit
    expired.cancel()
    return MPIRunResult(
        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), timedOut: timedOut,
        duration: ContinuousClock.now - start)
}
