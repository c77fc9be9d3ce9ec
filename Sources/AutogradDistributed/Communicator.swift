import Autograd
import CMPI
import Synchronization

/// The processes of an MPI job, and the collective operations on tensors among them:
/// PyTorch's process group (`torch.distributed`, whose MPI backend this resembles), Horovod's
/// `hvd` module, MPI's communicator (`MPI_Comm`).
///
/// ```swift
/// let world = try Communicator.world()     // mpirun -np 2 ./program
/// try world.allReduce(gradients, .mean)
/// ```
///
/// Every rank must call the same collectives, in the same order, on lists of the same count,
/// shapes and element types; each collective checks the lists agree before moving values and
/// traps, naming the tensor and both shapes, when they do not. A collective that has not
/// finished after `timeout` (another rank died or went elsewhere) ends the job with a message
/// naming it. MPI failures throw `DistributedError`.
///
/// Collectives on one communicator run one at a time (a lock orders calls from several
/// threads; MPI needs a single order on every rank anyway).
public final class Communicator: Sendable {
    /// This process's number in the job, 0 ..< `size`: PyTorch's `get_rank()`, Horovod's
    /// `hvd.rank()`, `MPI_Comm_rank`.
    public let rank: Int
    /// The number of processes in the job: PyTorch's `get_world_size()`, Horovod's
    /// `hvd.size()`, `MPI_Comm_size`.
    public let size: Int
    /// Whether this is rank 0, the process that writes output (checkpoints, progress).
    public var isMain: Bool { rank == 0 }

    /// The MPI communicator: a duplicate of `MPI_COMM_WORLD`, so that this library's messages
    /// never match a program's own, with the error handler `MPI_ERRORS_RETURN`.
    nonisolated(unsafe) let handle: MPI_Comm
    /// `bucketCapacity` and `timeout`.
    private let settings: Mutex<(bucketCapacity: Int, timeout: Duration)>
    /// Held for the whole of each collective, so that collectives run one at a time.
    let collectiveLock = Mutex<Void>(())
    /// Ends the job when a collective outlives `timeout`.
    let watchdog: Watchdog

    /// The default `bucketCapacity`: 25 MiB, PyTorch DDP's default `bucket_cap_mb`.
    public static let defaultBucketCapacity = 25 * 1024 * 1024
    /// The default `timeout`, when `AUTOGRAD_MPI_TIMEOUT` is not set: 300 s.
    public static let defaultTimeout = Duration.seconds(300)

    /// The largest message, in bytes, into which `allReduce` and `broadcast` pack tensors of
    /// one element type (PyTorch DDP's `bucket_cap_mb`, Horovod's `HOROVOD_FUSION_THRESHOLD`);
    /// a larger tensor travels alone. Every rank must use the same capacity. Traps when set to
    /// a value that is not positive.
    public var bucketCapacity: Int {
        get { settings.withLock { $0.bucketCapacity } }
        set {
            check(newValue > 0, "Communicator.bucketCapacity: must be positive, got \(newValue) bytes")
            settings.withLock { $0.bucketCapacity = newValue }
        }
    }

    /// How long a collective may take before the watchdog prints which one, on which rank, and
    /// ends the job with `MPI_Abort` (PyTorch's `init_process_group(timeout:)`); MPI itself
    /// waits forever for a rank that died without a trace or called a different collective.
    /// Starts as `AUTOGRAD_MPI_TIMEOUT` seconds when set, else 300 s. Traps when set to a
    /// value that is not positive.
    public var timeout: Duration {
        get { settings.withLock { $0.timeout } }
        set {
            check(newValue > .zero, "Communicator.timeout: must be positive, got \(newValue)")
            settings.withLock { $0.timeout = newValue }
        }
    }

    /// A communicator over `handle`, whose rank and size are given, guarded by `timeout`.
    init(handle: MPI_Comm, rank: Int, size: Int, timeout: Duration) {
        self.handle = handle
        self.rank = rank
        self.size = size
        self.settings = Mutex((bucketCapacity: Self.defaultBucketCapacity, timeout: timeout))
        self.watchdog = Watchdog(rank: rank, size: size)
    }

    /// Every process of the job (`MPI_COMM_WORLD`): PyTorch's default process group after
    /// `init_process_group("mpi")`, Horovod's `hvd.init()`.
    ///
    /// The first call initialises MPI (`MPI_Init_thread`, asking for `MPI_THREAD_MULTIPLE`:
    /// the watchdog calls `MPI_Abort` from its own thread while the collective it watches
    /// blocks another one) unless the program already did, and finalises it when the process
    /// exits; every call returns the same communicator. A program started without `mpirun` is
    /// a world of one process (MPI's singleton start). Every rank must call it, as it is
    /// collective: it duplicates `MPI_COMM_WORLD`.
    ///
    /// Throws `DistributedError` when MPI cannot be initialised, offers less than
    /// `MPI_THREAD_SERIALIZED`, or `AUTOGRAD_MPI_TIMEOUT` is not a positive number of seconds.
    public static func world() throws(DistributedError) -> Communicator {
        try MPIWorld.shared()
    }

    /// Throws `DistributedError` naming `operation` when `code` is not `MPI_SUCCESS`.
    func checkMPI(_ code: Int32, _ operation: @autoclosure () -> String) throws(DistributedError) {
        guard code == MPI_SUCCESS else { throw DistributedError(operation: operation(), rank: rank, code: code) }
    }

    /// The result of `body`, run alone on this communicator under the watchdog as `collective`.
    func runCollective<Result>(
        _ collective: String, _ body: () throws(DistributedError) -> Result
    ) throws(DistributedError) -> Result {
        let timeout = self.timeout
        return try collectiveLock.withLock { _ throws(DistributedError) -> Result in
            watchdog.start(collective, timeout: timeout)
            defer { watchdog.stop() }
            return try body()
        }
    }

    /// Waits until every rank has called it: PyTorch's `barrier()`, Horovod's `hvd.barrier()`,
    /// `MPI_Barrier`. Throws `DistributedError` when MPI reports a failure.
    public func barrier() throws(DistributedError) {
        try runCollective("barrier") { () throws(DistributedError) in
            try checkMPI(MPI_Barrier(handle), "barrier")
        }
    }
}
