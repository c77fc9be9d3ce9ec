import CMPI
import Glibc
import Synchronization

/// The process's one MPI world: initialised on the first `Communicator.world()`, finalised at exit.
enum MPIWorld {
    /// The outcome of the first `Communicator.world()`, returned by every later one (MPI can
    /// be initialised only once per process, so a failure is final too).
    private static let outcome = Mutex<Result<Communicator, DistributedError>?>(nil)
    /// The world communicator, for the finalisation at exit; `nil` before initialisation or
    /// when the program initialised MPI itself (and so finalises it itself).
    private static let finalizedAtExit = Mutex<Communicator?>(nil)

    /// The world communicator, created on the first call.
    static func shared() throws(DistributedError) -> Communicator {
        let result = outcome.withLock { outcome in
            if let outcome { return outcome }
            let made = Result { () throws(DistributedError) in try makeWorld() }
            outcome = made
            return made
        }
        return try result.get()
    }

    /// Initialises MPI unless the program did, and duplicates `MPI_COMM_WORLD` with errors returned.
    private static func makeWorld() throws(DistributedError) -> Communicator {
        let timeout = try timeoutFromEnvironment()
        var initialized: Int32 = 0
        MPI_Initialized(&initialized)
        if initialized == 0 {
            var provided: Int32 = 0
            let code = MPI_Init_thread(nil, nil, Int32(MPI_THREAD_MULTIPLE), &provided)
            guard code == MPI_SUCCESS else { throw DistributedError(operation: "MPI_Init_thread", rank: -1, code: code) }
            atexit { MPIWorld.finalize() }
            guard provided >= Int32(MPI_THREAD_SERIALIZED) else {
                throw DistributedError(
                    operation: "MPI_Init_thread", rank: -1, code: MPI_SUCCESS,
                    message: "the MPI library offers thread level \(provided); AutogradDistributed needs MPI_THREAD_SERIALIZED (\(MPI_THREAD_SERIALIZED)) or more")
            }
        }
        var rank: Int32 = -1, size: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        var handle: MPI_Comm? = cmpi_comm_null()
        let dupCode = MPI_Comm_dup(cmpi_comm_world(), &handle)
        guard dupCode == MPI_SUCCESS, let handle else {
            throw DistributedError(operation: "MPI_Comm_dup", rank: Int(rank), code: dupCode)
        }
        let errhandlerCode = MPI_Comm_set_errhandler(handle, cmpi_errors_return())
        guard errhandlerCode == MPI_SUCCESS else {
            throw DistributedError(operation: "MPI_Comm_set_errhandler", rank: Int(rank), code: errhandlerCode)
        }
        let world = Communicator(handle: handle, rank: Int(rank), size: Int(size), timeout: timeout)
        if initialized == 0 { finalizedAtExit.withLock { $0 = world } }
        return world
    }

    /// `AUTOGRAD_MPI_TIMEOUT` seconds, or the default 300 s when it is not set.
    private static func timeoutFromEnvironment() throws(DistributedError) -> Duration {
        guard let text = getenv("AUTOGRAD_MPI_TIMEOUT").map({ String(cString: $0) }) else {
            return Communicator.defaultTimeout
        }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
            throw DistributedError(
                operation: "Communicator.world()", rank: -1, code: MPI_SUCCESS,
                message: "AUTOGRAD_MPI_TIMEOUT must be a positive number of seconds, got '\(text)'")
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// Finalises MPI at exit (`MPI_Finalize`, under the watchdog: in Open MPI it waits for
    /// every rank, so a rank exiting while the others still run collectives would otherwise
    /// wait for them forever).
    private static func finalize() {
        guard let world = finalizedAtExit.withLock({ $0 }) else { return }
        var finalized: Int32 = 0
        MPI_Finalized(&finalized)
        guard finalized == 0 else { return }
        world.watchdog.start("MPI_Finalize (at exit)", timeout: world.timeout)
        MPI_Finalize()
        world.watchdog.stop()
    }
}
