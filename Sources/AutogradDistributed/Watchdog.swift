import CMPI
import Dispatch
import Glibc
import Synchronization

/// Ends the job when a collective has not finished in time, since MPI waits forever for a
/// rank that died without MPI noticing or that called a different collective. One timer per
/// communicator, moved for each collective; no thread sleeps per call.
final class Watchdog: Sendable {
    /// The exit code of a job the watchdog ends (as `timeout(1)` exits on expiry).
    static let exitCode: Int32 = 124

    /// This process's rank and the job's size, for the message.
    private let rank: Int, size: Int
    /// What is running and until when: the collective's name and step, its time limit, or `nil`.
    private let running = Mutex<(collective: String, timeout: Duration)?>(nil)
    /// Fires once when the running collective's time is up; otherwise scheduled for never.
    nonisolated(unsafe) private let timer: DispatchSourceTimer

    /// A watchdog for the collectives of `rank` in a job of `size` processes.
    init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .distantFuture)
        timer.setEventHandler { [unowned self] in expire() }
        timer.activate()
    }

    /// Starts watching `collective`, to end the job unless `stop()` comes within `timeout`.
    func start(_ collective: String, timeout: Duration) {
        running.withLock { $0 = (collective, timeout) }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = min(seconds, Int64(Int.max / 1_000_000_000)) * 1_000_000_000 + attoseconds / 1_000_000_000
        timer.schedule(deadline: .now() + .nanoseconds(Int(nanoseconds)))
    }

    /// Names the step the running collective has reached (`allReduce`'s bucket), for the message.
    func update(_ collective: String) {
        running.withLock { $0?.collective = collective }
    }

    /// Stops watching: the collective finished.
    func stop() {
        running.withLock { $0 = nil }
        timer.schedule(deadline: .distantFuture)
    }

    /// The timer fired: unless the collective finished meanwhile, prints what hangs and ends
    /// the whole job with `MPI_Abort`.
    private func expire() {
        guard let (collective, timeout) = running.withLock({ $0 }) else { return }
        let message = """
            AutogradDistributed: \(collective) on rank \(rank) of \(size) has not finished after \(timeout) \
            (Communicator.timeout, env AUTOGRAD_MPI_TIMEOUT): a rank died, hangs, or called a different \
            collective. Ending the job with MPI_Abort.

            """
        var bytes = Array(message.utf8)
        _ = write(STDERR_FILENO, &bytes, bytes.count)
        MPI_Abort(cmpi_comm_world(), Watchdog.exitCode)
        _exit(Watchdog.exitCode)
    }
}
