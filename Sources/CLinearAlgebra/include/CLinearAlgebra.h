// Thin wrappers over CBLAS, LAPACKE and glibc's malloc tuning, with one convention: row-major storage,
// sizes as `long` (Swift's `Int`), LAPACK's `info` returned as is.
// No logic lives here; the Swift kernel layer is the only caller.
#ifndef C_LINEAR_ALGEBRA_H
#define C_LINEAR_ALGEBRA_H

#include <stdbool.h>

/// C = alpha * op(A) * op(B) + beta * C, row-major; op(X) is X or Xᵀ.
void cla_dgemm(bool transposeA, bool transposeB, long m, long n, long k,
               double alpha, const double *a, long lda, const double *b, long ldb,
               double beta, double *c, long ldc);

/// y = alpha * op(A) * x + beta * y, row-major A of m rows and n columns.
void cla_dgemv(bool transposeA, long m, long n, double alpha, const double *a, long lda,
               const double *x, double beta, double *y);

/// The Euclidean norm of n contiguous values, computed without overflow.
double cla_dnrm2(long n, const double *x);

/// LU factorisation in place (LAPACKE_dgetrf, row-major, square n × n); returns info.
long cla_dgetrf(long n, double *a, int *pivots);

/// Inverse from an LU factorisation in place (LAPACKE_dgetri); returns info.
long cla_dgetri(long n, double *a, const int *pivots);

/// The name of the kernel set OpenBLAS is using ("Prescott", "SkylakeX", ...).
const char *cla_openblas_corename(void);

/// Makes OpenBLAS choose its kernel set again, reading OPENBLAS_CORETYPE.
void cla_openblas_reselect_kernels(void);

/// Sets glibc's M_MMAP_THRESHOLD and M_TRIM_THRESHOLD (bytes); returns 0 where unsupported.
int cla_set_malloc_thresholds(long mmapThreshold, long trimThreshold);

#endif
