// Thin wrappers over CBLAS, LAPACKE and glibc's malloc tuning, with one convention: row-major storage,
// sizes as `long` (Swift's `Int`) narrowed to the 32-bit `int` that Debian's OpenBLAS, the reference
// BLAS and LAPACKE take (the Swift kernels check that they fit), LAPACK's `info` returned as is.
// No logic lives here; the Swift kernel layer is the only caller. OpenBLAS's own entry points
// (kernel-set selection) are looked up at run time by the Swift side, so any CBLAS links.
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

/// LU factorisation in place (LAPACKE_dgetrf_work, row-major, square n × n); returns info.
/// The `_work` variant skips LAPACKE's NaN check: NaN and ±∞ go through IEEE arithmetic.
long cla_dgetrf(long n, double *a, int *pivots);

/// Inverse from an LU factorisation in place (LAPACKE_dgetri_work, no NaN check); returns info.
/// `work` holds `workCount` values; a `workCount` of -1 writes the optimal count to work[0] instead.
long cla_dgetri(long n, double *a, const int *pivots, double *work, long workCount);

/// The single-precision twins of the five routines above (`cblas_sgemm`, `cblas_sgemv`,
/// `cblas_snrm2`, `LAPACKE_sgetrf_work`, `LAPACKE_sgetri_work`), same conventions.
void cla_sgemm(bool transposeA, bool transposeB, long m, long n, long k,
               float alpha, const float *a, long lda, const float *b, long ldb,
               float beta, float *c, long ldc);
void cla_sgemv(bool transposeA, long m, long n, float alpha, const float *a, long lda,
               const float *x, float beta, float *y);
float cla_snrm2(long n, const float *x);
long cla_sgetrf(long n, float *a, int *pivots);
long cla_sgetri(long n, float *a, const int *pivots, float *work, long workCount);

/// Sets glibc's M_MMAP_THRESHOLD and M_TRIM_THRESHOLD (bytes); returns 0 where either is refused
/// or unsupported.
int cla_set_malloc_thresholds(long mmapThreshold, long trimThreshold);

/// Bytes glibc's malloc holds in blocks of their own mmap, and in use from its heaps.
typedef struct {
    long mmapped;
    long heapInUse;
} cla_malloc_usage_t;

/// glibc's `mallinfo2` counts `hblkhd` (mmapped) and `uordblks` (heapInUse); zeros where unsupported.
cla_malloc_usage_t cla_malloc_usage(void);

// MARK: - Cholesky family (cholesky, choleskySolve)

/// Cholesky factorisation A = L·Lᵀ in place (LAPACKE_dpotrf_work, row-major, n × n, uplo 'L':
/// only the lower triangle is read and written); returns info (k > 0: the leading minor of
/// order k is not positive definite).
long cla_dpotrf(long n, double *a);

/// The single-precision twin (`LAPACKE_spotrf_work`).
long cla_spotrf(long n, float *a);

// MARK: - Solve family (solve, triangularSolve)

/// Solves op(A)·X = B in place of B from the LU factors of `getrf` (LAPACKE_dgetrs_work, row-major,
/// no NaN check): op(A) is A, or Aᵀ when `transpose`; B is n × `columns`. Returns info.
long cla_dgetrs(bool transpose, long n, long columns, const double *factors, const int *pivots, double *b);

/// Solves op(A)·X = B in place of B for triangular A (cblas_dtrsm, row-major, A on the left):
/// only the triangle named by `lower` is read, and not the diagonal when `unitDiagonal`.
void cla_dtrsm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const double *a, double *b);

/// The single-precision twins of the two routines above (`LAPACKE_sgetrs_work`, `cblas_strsm`).
long cla_sgetrs(bool transpose, long n, long columns, const float *factors, const int *pivots, float *b);
void cla_strsm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const float *a, float *b);

/// B ← op(A)·B in place for triangular A (cblas_dtrmm, row-major, A on the left): only the
/// triangle named by `lower` is read, and not the diagonal when `unitDiagonal`.
void cla_dtrmm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const double *a, double *b);

/// The single-precision twin (`cblas_strmm`).
void cla_strmm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const float *a, float *b);

// MARK: - QR family (qrDecomposition, leastSquares)

/// Householder QR factorisation in place (LAPACKE_dgeqrf_work, row-major, m × n, m ≥ n): R on and
/// above the diagonal, the reflectors below it with their scalars in `tau` (n values). `work` holds
/// `workCount` values; a `workCount` of -1 writes the optimal count to work[0] instead. Returns info.
long cla_dgeqrf(long m, long n, double *a, double *tau, double *work, long workCount);

/// The first n columns of Q from `geqrf`'s reflectors, in place (LAPACKE_dorgqr_work, row-major,
/// m × n, n reflectors); `work` and `workCount` as for `cla_dgeqrf`. Returns info.
long cla_dorgqr(long m, long n, double *a, const double *tau, double *work, long workCount);

/// The single-precision twins of the two routines above (`LAPACKE_sgeqrf_work`, `LAPACKE_sorgqr_work`).
long cla_sgeqrf(long m, long n, float *a, float *tau, float *work, long workCount);
long cla_sorgqr(long m, long n, float *a, const float *tau, float *work, long workCount);

// MARK: - Spectral family (symmetricEigendecomposition, singularValueDecomposition)

/// Eigenvalues (ascending, into `w`) and orthonormal eigenvectors (the columns of `a`, in place)
/// of a symmetric n × n matrix by divide and conquer (LAPACKE_dsyevd_work, row-major, jobz 'V',
/// uplo 'L': only the lower triangle is read). `workCount` or `integerWorkCount` −1 is a
/// workspace query (the sizes go to work[0] and integerWork[0]). Returns info (k > 0: k
/// off-diagonal elements of an intermediate tridiagonal form did not converge to zero).
long cla_dsyevd(long n, double *a, double *w, double *work, long workCount, int *integerWork, long integerWorkCount);

/// The reduced singular value decomposition A = U·diag(s)·Vᵀ of an m × n matrix by divide and
/// conquer (LAPACKE_dgesdd_work, row-major, jobz 'S'; `a` is destroyed): s (k = min(m, n),
/// descending), U (m × k), Vᵀ (k × n). `integerWork` holds 8k ints; `workCount` −1 is a workspace
/// query (the size goes to work[0]). Returns info (> 0: the bidiagonal iteration did not converge).
long cla_dgesdd(long m, long n, double *a, double *s, double *u, double *vt, double *work, long workCount,
                int *integerWork);

/// The single-precision twins of the two routines above (`LAPACKE_ssyevd_work`, `LAPACKE_sgesdd_work`).
long cla_ssyevd(long n, float *a, float *w, float *work, long workCount, int *integerWork, long integerWorkCount);
long cla_sgesdd(long m, long n, float *a, float *s, float *u, float *vt, float *work, long workCount,
                int *integerWork);

#endif
