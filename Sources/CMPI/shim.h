// Open MPI (Debian's libopenmpi-dev) for AutogradDistributed. Open MPI spells its predefined
// handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ...) as macros over the addresses of globals,
// which Swift cannot import; each accessor below returns one of them. No logic lives here.
#ifndef AUTOGRAD_CMPI_SHIM_H
#define AUTOGRAD_CMPI_SHIM_H

#include <mpi.h>

/// MPI_COMM_WORLD: every process of the job.
static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
/// MPI_COMM_NULL: no communicator.
static inline MPI_Comm cmpi_comm_null(void) { return MPI_COMM_NULL; }
/// MPI_FLOAT: C float, Swift's Float.
static inline MPI_Datatype cmpi_float(void) { return MPI_FLOAT; }
/// MPI_DOUBLE: C double, Swift's Double.
static inline MPI_Datatype cmpi_double(void) { return MPI_DOUBLE; }
/// MPI_INT32_T: a 32-bit signed integer, Swift's Int32.
static inline MPI_Datatype cmpi_int32(void) { return MPI_INT32_T; }
/// MPI_INT64_T: a 64-bit signed integer, Swift's Int64.
static inline MPI_Datatype cmpi_int64(void) { return MPI_INT64_T; }
/// MPI_SUM: elementwise addition.
static inline MPI_Op cmpi_op_sum(void) { return MPI_SUM; }
/// MPI_MAX: elementwise maximum.
static inline MPI_Op cmpi_op_max(void) { return MPI_MAX; }
/// MPI_ERRORS_RETURN: failing calls return an error code instead of aborting the job.
static inline MPI_Errhandler cmpi_errors_return(void) { return MPI_ERRORS_RETURN; }
/// MPI_IN_PLACE: a collective's send buffer is its receive buffer.
static inline void *cmpi_in_place(void) { return MPI_IN_PLACE; }

#endif
