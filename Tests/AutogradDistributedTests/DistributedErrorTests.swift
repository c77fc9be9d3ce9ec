import AutogradDistributed
import Glibc
import Testing

/// What a failed MPI call throws: the operation, the rank and MPI's own text.
@Suite("Distributed errors")
struct DistributedErrorTests {
    @Test("an MPI error code becomes MPI's text, named with the operation and the rank")
    func mpiErrorString() async {
        // In a child process, as MPI_Error_string needs MPI running (a singleton world).
        await #expect(processExitsWith: .success) {
            _ = singletonWorld()
            // 15 is MPI_ERR_TRUNCATE in Open MPI 4.1.4's mpi.h; the text is Open MPI's
            // (ompi/errhandler/errcode.c: "MPI_ERR_TRUNCATE: message truncated").
            let error = DistributedError(operation: "allReduce(sum), bucket 1 of 1", rank: 1, code: 15)
            let expected = "allReduce(sum), bucket 1 of 1 failed on rank 1: MPI_ERR_TRUNCATE: message truncated (MPI error 15)"
            exit(error.description == expected ? 0 : 1)
        }
    }

    @Test("before MPI runs, only the code is given (Open MPI 4.1 aborts on MPI_Error_string before MPI_Init)")
    func beforeInit() {
        let error = DistributedError(operation: "MPI_Init_thread", rank: -1, code: 15)
        #expect(error.description == "MPI_Init_thread failed before MPI was initialised: MPI error code 15 (MPI error 15)")
    }
}
