import Testing

/// `TrainDigits --distributed` started without mpirun: MPI's singleton start, a world of one
/// rank, which must train exactly as the run without the flag.
@Suite("TrainDigits --distributed")
struct TrainDigitsDistributedTests {
    /// The log line that names the result, e.g. "… test accuracy 97.21% (349 of 359)".
    static func resultLine(_ output: String) -> Substring? {
        output.split(separator: "\n").first { $0.hasPrefix("trained ") }
            .map { $0.drop { $0 != ":" } }  // without the time it took
    }

    @Test("Without mpirun it trains as one process, to the same loss and accuracy, and writes the same files")
    func singleProcess() throws {
        let arguments = ["--epochs", "2", "--output", "out"]
        let plain = try Invocation.run("TrainDigits", arguments)
        let distributed = try Invocation.run("TrainDigits", arguments + ["--distributed"])
        #expect(plain.status == 0 && distributed.status == 0, "\(plain.standardError)\(distributed.standardError)")
        #expect(Self.resultLine(plain.standardOutput) != nil)
        #expect(Self.resultLine(distributed.standardOutput) == Self.resultLine(plain.standardOutput),
                "\(distributed.standardOutput)")
        #expect(distributed.standardOutput.contains("data parallel over 1 rank: each its shard of every batch of 32"))
        #expect(distributed.standardOutput.contains("reloaded test accuracy") && distributed.standardOutput.contains("(identical)"))
        #expect(distributed.filesWritten == plain.filesWritten)
    }
}
