import Autograd
import AutogradDistributed
import AutogradTestSupport
import Glibc
import Testing

/// The world of a process started without mpirun (Open MPI's singleton start), entered in an
/// exit test's child process so that the test runner itself never initialises MPI. As root,
/// Open MPI needs the two variables below to start.
func singletonWorld() -> Communicator {
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1)
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1)
    do {
        let world = try Communicator.world()
        if world.size != 1 || world.rank != 0 { exit(3) }
        return world
    } catch {
        print(error)
        exit(2)
    }
}

/// Collectives in a world of one process, each in a child process (an exit test).
@Suite("A world of one process (MPI singleton)")
struct SingletonWorldTests {
    @Test("sum and mean over one rank keep each tensor's values, shape and type; broadcast from rank 0 too")
    func identity() async {
        await #expect(processExitsWith: .success) {
            let world = singletonWorld()
            world.bucketCapacity = 8
            let tensors = [Tensor(shape: [3], scalars: [Float(1.5), -2, 0.25]), Tensor(shape: [1, 2], scalars: [3.0, -7.5])]
            try world.allReduce(tensors, .mean)
            try world.broadcast(tensors, from: 0)
            let summed = try world.allReduced(tensors, .sum)
            try world.barrier()
            let expected: [[Double]] = [[1.5, -2, 0.25], [3, -7.5]]
            for (tensor, values) in zip(tensors + summed, expected + expected) {
                if tensor.scalars != values { exit(1) }
            }
            if summed.map(\.dtype) != [.float32, .float64] || summed[1].shape != [1, 2] { exit(1) }
        }
    }

    @Test("an in-place all-reduce counts as an assignment: a graph recorded before it cannot be differentiated")
    func versionBumped() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let world = singletonWorld()
            let x = Tensor([1.0, 2.0]).requiringGradient()
            let y = (x * x).sum()
            try? world.allReduce([x], .sum)
            y.backward()
        }
        #expect(standardError(of: result).contains("was overwritten (assign(_:), add(_:scaledBy:) or convert(to:))"))
    }

    @Test("broadcast from a rank outside the world traps")
    func rootOutsideWorld() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            try? singletonWorld().broadcast([Tensor([1.0])], from: 1)
        }
        #expect(standardError(of: result).contains("broadcast: root rank 1 is not in 0..<1, the communicator's ranks"))
    }

    @Test("an in-place all-reduce of a recorded result traps (only leaves are assigned)")
    func recordedResult() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor([1.0, 2.0]).requiringGradient()
            try? singletonWorld().allReduce([x * 2], .sum)
        }
        #expect(standardError(of: result).contains("assign: only a leaf can be overwritten"))
    }

    @Test("a bucket capacity that is not positive traps")
    func zeroCapacity() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            singletonWorld().bucketCapacity = 0
        }
        #expect(standardError(of: result).contains("Communicator.bucketCapacity: must be positive, got 0 bytes"))
    }

    @Test("AUTOGRAD_MPI_TIMEOUT that is not a positive number: world() throws DistributedError")
    func badTimeout() async {
        await #expect(processExitsWith: .success) {
            setenv("AUTOGRAD_MPI_TIMEOUT", "soon", 1)
            setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1)
            setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1)
            do {
                _ = try Communicator.world()
                exit(1)
            } catch {
                exit((error as? DistributedError)?.message == "AUTOGRAD_MPI_TIMEOUT must be a positive number of seconds, got 'soon'" ? 0 : 1)
            }
        }
    }
}
