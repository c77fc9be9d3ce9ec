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
        let run = try runUnderMPI("DataParallelExactness", ranks: ranks, timeLimit: .seconds(120))
        #expect(run.status == 0 && !run.timedOut, "\(run)")
        for optimizer in ["SGD, momentum 0.9", "Adam"] {
            #expect(run.output.contains("\(optimizer), 50 steps of 64 rows over \(ranks) rank(s): largest |distributed − single process| = "),
                    "\(run)")
        }
        #expect(run.output.components(separatedBy: ": exact\n").count == 3, "\(run)")
    }
}
