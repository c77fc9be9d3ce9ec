#include "CLinearAlgebra.h"
#include <cblas.h>
#include <lapacke.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void cla_dgemm(bool transposeA, bool transposeB, long m, long n, long k,
               double alpha, const double *a, long lda, const double *b, long ldb,
               double beta, double *c, long ldc) {
    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k,
                alpha, a, (int)lda, b, (int)ldb, beta, c, (int)ldc);
}

void cla_dgemv(bool transposeA, long m, long n, double alpha, const double *a, long lda,
               const double *x, double beta, double *y) {
    cblas_dgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, (int)m, (int)n,
                alpha, a, (int)lda, x, 1, beta, y, 1);
}

double cla_dnrm2(long n, const double *x) { return cblas_dnrm2((int)n, x, 1); }

long cla_dgetrf(long n, double *a, int *pivots) {
    return LAPACKE_dgetrf_work(LAPACK_ROW_MAJOR, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, pivots);
}

long cla_dgetri(long n, double *a, const int *pivots, double *work, long workCount) {
    return LAPACKE_dgetri_work(LAPACK_ROW_MAJOR, (lapack_int)n, a, (lapack_int)n, pivots, work,
                               (lapack_int)workCount);
}

void cla_sgemm(bool transposeA, bool transposeB, long m, long n, long k,
               float alpha, const float *a, long lda, const float *b, long ldb,
               float beta, float *c, long ldc) {
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k,
                alpha, a, (int)lda, b, (int)ldb, beta, c, (int)ldc);
}

void cla_sgemv(bool transposeA, long m, long n, float alpha, const float *a, long lda,
               const float *x, float beta, float *y) {
    cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, (int)m, (int)n,
                alpha, a, (int)lda, x, 1, beta, y, 1);
}

float cla_snrm2(long n, const float *x) { return cblas_snrm2((int)n, x, 1); }

long cla_sgetrf(long n, float *a, int *pivots) {
    return LAPACKE_sgetrf_work(LAPACK_ROW_MAJOR, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, pivots);
}

long cla_sgetri(long n, float *a, const int *pivots, float *work, long workCount) {
    return LAPACKE_sgetri_work(LAPACK_ROW_MAJOR, (lapack_int)n, a, (lapack_int)n, pivots, work,
                               (lapack_int)workCount);
}

int cla_set_malloc_thresholds(long mmapThreshold, long trimThreshold) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)mmapThreshold) && mallopt(M_TRIM_THRESHOLD, (int)trimThreshold);
#else
    return 0;
#endif
}

cla_malloc_usage_t cla_malloc_usage(void) {
#if defined(__GLIBC__)
    struct mallinfo2 info = mallinfo2();
    return (cla_malloc_usage_t){.mmapped = (long)info.hblkhd, .heapInUse = (long)info.uordblks};
#else
    return (cla_malloc_usage_t){0, 0};
#endif
}

// MARK: - Cholesky family (cholesky, choleskySolve)

long cla_dpotrf(long n, double *a) {
    return LAPACKE_dpotrf_work(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, a, (lapack_int)n);
}

long cla_spotrf(long n, float *a) {
    return LAPACKE_spotrf_work(LAPACK_ROW_MAJOR, 'L', (lapack_int)n, a, (lapack_int)n);
}

// MARK: - Solve family (solve, triangularSolve)

long cla_dgetrs(bool transpose, long n, long columns, const double *factors, const int *pivots, double *b) {
    return LAPACKE_dgetrs_work(LAPACK_ROW_MAJOR, transpose ? 'T' : 'N', (lapack_int)n, (lapack_int)columns,
                               factors, (lapack_int)n, pivots, b, (lapack_int)columns);
}

void cla_dtrsm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const double *a, double *b) {
    cblas_dtrsm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper, transposeA ? CblasTrans : CblasNoTrans,
                unitDiagonal ? CblasUnit : CblasNonUnit, (int)n, (int)columns, 1, a, (int)n, b, (int)columns);
}

long cla_sgetrs(bool transpose, long n, long columns, const float *factors, const int *pivots, float *b) {
    return LAPACKE_sgetrs_work(LAPACK_ROW_MAJOR, transpose ? 'T' : 'N', (lapack_int)n, (lapack_int)columns,
                               factors, (lapack_int)n, pivots, b, (lapack_int)columns);
}

void cla_strsm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const float *a, float *b) {
    cblas_strsm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper, transposeA ? CblasTrans : CblasNoTrans,
                unitDiagonal ? CblasUnit : CblasNonUnit, (int)n, (int)columns, 1, a, (int)n, b, (int)columns);
}

void cla_dtrmm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const double *a, double *b) {
    cblas_dtrmm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper, transposeA ? CblasTrans : CblasNoTrans,
                unitDiagonal ? CblasUnit : CblasNonUnit, (int)n, (int)columns, 1, a, (int)n, b, (int)columns);
}

void cla_strmm(bool lower, bool transposeA, bool unitDiagonal, long n, long columns, const float *a, float *b) {
    cblas_strmm(CblasRowMajor, CblasLeft, lower ? CblasLower : CblasUpper, transposeA ? CblasTrans : CblasNoTrans,
                unitDiagonal ? CblasUnit : CblasNonUnit, (int)n, (int)columns, 1, a, (int)n, b, (int)columns);
}

// MARK: - QR family (qrDecomposition, leastSquares)

long cla_dgeqrf(long m, long n, double *a, double *tau, double *work, long workCount) {
    return LAPACKE_dgeqrf_work(LAPACK_ROW_MAJOR, (lapack_int)m, (lapack_int)n, a, (lapack_int)n, tau, work,
                               (lapack_int)workCount);
}

long cla_dorgqr(long m, long n, double *a, const double *tau, double *work, long workCount) {
    return LAPACKE_dorgqr_work(LAPACK_ROW_MAJOR, (lapack_int)m, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, tau,
                               work, (lapack_int)workCount);
}

long cla_sgeqrf(long m, long n, float *a, float *tau, float *work, long workCount) {
    return LAPACKE_sgeqrf_work(LAPACK_ROW_MAJOR, (lapack_int)m, (lapack_int)n, a, (lapack_int)n, tau, work,
                               (lapack_int)workCount);
}

long cla_sorgqr(long m, long n, float *a, const float *tau, float *work, long workCount) {
    return LAPACKE_sorgqr_work(LAPACK_ROW_MAJOR, (lapack_int)m, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, tau,
                               work, (lapack_int)workCount);
}

// MARK: - Spectral family (symmetricEigendecomposition, singularValueDecomposition)

long cla_dsyevd(long n, double *a, double *w, double *work, long workCount, int *integerWork, long integerWorkCount) {
    return LAPACKE_dsyevd_work(LAPACK_ROW_MAJOR, 'V', 'L', (lapack_int)n, a, (lapack_int)n, w, work,
                               (lapack_int)workCount, integerWork, (lapack_int)integerWorkCount);
}

long cla_dgesdd(long m, long n, double *a, double *s, double *u, double *vt, double *work, long workCount,
                int *integerWork) {
    lapack_int k = (lapack_int)(m < n ? m : n);
    return LAPACKE_dgesdd_work(LAPACK_ROW_MAJOR, 'S', (lapack_int)m, (lapack_int)n, a, (lapack_int)n, s, u, k, vt,
                               (lapack_int)n, work, (lapack_int)workCount, integerWork);
}

long cla_ssyevd(long n, float *a, float *w, float *work, long workCount, int *integerWork, long integerWorkCount) {
    return LAPACKE_ssyevd_work(LAPACK_ROW_MAJOR, 'V', 'L', (lapack_int)n, a, (lapack_int)n, w, work,
                               (lapack_int)workCount, integerWork, (lapack_int)integerWorkCount);
}

long cla_sgesdd(long m, long n, float *a, float *s, float *u, float *vt, float *work, long workCount,
                int *integerWork) {
    lapack_int k = (lapack_int)(m < n ? m : n);
    return LAPACKE_sgesdd_work(LAPACK_ROW_MAJOR, 'S', (lapack_int)m, (lapack_int)n, a, (lapack_int)n, s, u, k, vt,
                               (lapack_int)n, work, (lapack_int)workCount, integerWork);
}
