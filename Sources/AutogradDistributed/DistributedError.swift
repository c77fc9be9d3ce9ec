import CMPI

/// An MPI call that failed: the operation, this process's rank and MPI's own explanation.
///
/// The communicator's error handler is `MPI_ERRORS_RETURN`, so a failing MPI call returns a
/// code instead of ending the job (MPI's default, `MPI_ERRORS_ARE_FATAL`); `Communicator`
/// turns the code into this error. PyTorch raises `torch.distributed.DistBackendError` in
/// the same place; Horovod an `HorovodInternalError`.
public struct DistributedError: Error, Equatable, CustomStringConvertible {
    /// The collective or set-up step that failed (`"allReduce"`, `"MPI_Init_thread"`, ...).
    public let operation: String
    /// This process's rank in the world, or -1 when it is not known (MPI not initialised).
    public let rank: Int
    /// MPI's error code (`MPI_ERR_TRUNCATE`, ...), or `MPI_SUCCESS` for a failure found by this library.
    public let code: Int32
    /// MPI's description of the code (`MPI_Error_string`), or this library's explanation.
    public let message: String

    /// An error of `operation` on `rank`, with MPI's code and text.
    public init(operation: String, rank: Int, code: Int32, message: String) {
        self.operation = operation
        self.rank = rank
        self.code = code
        self.message = message
    }

    /// The error for MPI's return `code` of `operation` on `rank`, described by `MPI_Error_string`.
    package init(operation: String, rank: Int, code: Int32) {
        self.init(operation: operation, rank: rank, code: code, message: Self.mpiErrorString(code))
    }

    /// "allReduce failed on rank 1: MPI_ERR_TRUNCATE: message truncated (MPI error 15)".
    public var description: String {
        let place = rank >= 0 ? "on rank \(rank)" : "before MPI was initialised"
        return "\(operation) failed \(place): \(message) (MPI error \(code))"
    }

    /// MPI's text for an error code (`MPI_Error_string`), or only the code when MPI is not
    /// running (Open MPI 4.1 aborts the process on `MPI_Error_string` before `MPI_Init`).
    static func mpiErrorString(_ code: Int32) -> String {
        var initialized: Int32 = 0, finalized: Int32 = 0
        MPI_Initialized(&initialized)
        MPI_Finalized(&finalized)
        guard initialized != 0 && finalized == 0 else { return "MPI error code \(code)" }
        var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        guard MPI_Error_string(code, &buffer, &length) == MPI_SUCCESS else { return "unknown MPI error" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
