// Run under `mpirun -np 2` (AutogradDistributedTests does): the collectives of
// AutogradDistributed checked across ranks, and the failure modes.
//
//   CollectiveChecks [checks]           every check on every rank; exit 0 only if all passed everywhere
//   CollectiveChecks mismatched-shapes  rank 1 passes a tensor of another shape: every rank traps
//   CollectiveChecks rank-exits         rank 1 calls exit(3) between two all-reduces
//   CollectiveChecks rank-dies          rank 1 is killed (SIGKILL) between two all-reduces
//   CollectiveChecks stalled-rank       rank 1 sleeps past the timeout: the watchdog ends the job
//   CollectiveChecks benchmark [N]      time N all-reduces of the MLP 784→256→256→10's gradient
import Autograd
import AutogradDistributed
import AutogradNN
import Glibc

/// Prints `line` prefixed with the rank, at once (ranks' lines interleave, whole).
func say(_ world: Communicator, _ line: String) {
    var bytes = Array("rank \(world.rank): \(line)\n".utf8)
    _ = write(STDOUT_FILENO, &bytes, bytes.count)
}

/// The value rank `rank` holds at `index` in the value checks: small integers, so sums and
/// means over ranks are exact in both element types.
func rankValue(rank: Int, index: Int) -> Double { Double((rank + 1) * (index + 1)) }

/// Σ over the ranks 0..<size of `rankValue(rank:index:)`, in closed form: size(size+1)/2 · (index+1).
func expectedSum(size: Int, index: Int) -> Double { Double(size * (size + 1) / 2 * (index + 1)) }

let arguments = CommandLine.arguments.dropFirst()
let mode = arguments.first ?? "checks"
do {
    let world = try Communicator.world()
    switch mode {
    case "checks":
        exit(try runChecks(world) ? 0 : 1)
    case "mismatched-shapes":
        let shape = world.rank == 1 ? [3, 2] : [2, 3]
        try world.allReduce([Tensor.ones([4]), Tensor.ones(shape), Tensor.ones([5])], .sum)
        say(world, "the mismatched all-reduce returned")
    case "rank-exits", "rank-dies":
        try world.allReduce([Tensor.ones([4])], .sum)
        if world.rank == 1 && mode == "rank-exits" {
            say(world, "exiting with status 3 before the second all-reduce")
            exit(3)
        }
        if world.rank == 1 {
            say(world, "killing itself (SIGKILL) before the second all-reduce")
            raise(SIGKILL)
        }
        try world.allReduce([Tensor.ones([4])], .sum)
        say(world, "the second all-reduce returned")
    case "stalled-rank":
        if world.rank == 1 {
            say(world, "sleeping 30 s instead of calling allReduce")
            sleep(30)
        }
        try world.allReduce([Tensor.ones([4])], .sum)
        say(world, "the all-reduce returned")
    case "benchmark":
        try runBenchmark(world, repeats: arguments.dropFirst().first.flatMap { Int($0) } ?? 200)
    default:
        print("CollectiveChecks: unknown mode '\(mode)'; modes: checks, mismatched-shapes, rank-exits, rank-dies, stalled-rank, benchmark [N]")
        exit(64)
    }
} catch {
    print("CollectiveChecks: \(error)")
    exit(2)
}
