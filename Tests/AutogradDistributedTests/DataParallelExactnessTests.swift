import Foundation
import Testing

/// Issue 14's proof, run as `mpirun -np P --allow-run-as-root --oversubscribe
/// DataParallelExactness`: data-parallel training over P ranks gives the parameters of one
/// process trained on the whole batches, to 1e-12 in float64, after 50 SGD (momentum) steps
/// and after 50 Adam steps; 3 ranks split each batch of 64 unevenly (22, 21, 21).
@Suite("Data-parallel training equals single-process training")
struct DataParallelExactnessTests {
    @Test("Parameters equal one process's to 1e-12 after 50 SGD and 50 Adam steps", arguments: [1, 2, 3])
    func exactness(ranks: Int) throws {
        let program = URL(fileURLWithPath: collectiveChecksPath).deletingLastPathComponent()
            .appendingPathComponent("DataParallelExactness").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["mpirun", "-np", "\(ranks)", "--allow-run-as-root", "--oversubscribe", program]
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let limit = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: limit)
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        limit.cancel()
        #expect(process.terminationStatus == 0, "\(output)")
        for optimizer in ["SGD, momentum 0.9", "Adam"] {
            #expect(output.contains("\(optimizer), 50 steps of 64 rows over \(ranks) rank(s): largest |distributed − single process| = "),
                    "\(output)")
        }
        #expect(output.components(separatedBy: ": exact\n").count == 3, "\(output)")
    }
}
