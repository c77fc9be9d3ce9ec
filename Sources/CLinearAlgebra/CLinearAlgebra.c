#include "CLinearAlgebra.h"
#include <cblas.h>
#include <lapacke.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// Exported by OpenBLAS builds with DYNAMIC_ARCH (Debian's are), not declared in its headers.
extern void gotoblas_dynamic_init(void);
extern void gotoblas_dynamic_quit(void);

void cla_dgemm(bool transposeA, bool transposeB, long m, long n, long k,
               double alpha, const double *a, long lda, const double *b, long ldb,
               double beta, double *c, long ldc) {
    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, (blasint)m, (blasint)n, (blasint)k,
                alpha, a, (blasint)lda, b, (blasint)ldb, beta, c, (blasint)ldc);
}

void cla_dgemv(bool transposeA, long m, long n, double alpha, const double *a, long lda,
               const double *x, double beta, double *y) {
    cblas_dgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, (blasint)m, (blasint)n,
                alpha, a, (blasint)lda, x, 1, beta, y, 1);
}

double cla_dnrm2(long n, const double *x) { return cblas_dnrm2((blasint)n, x, 1); }

long cla_dgetrf(long n, double *a, int *pivots) {
    return LAPACKE_dgetrf(LAPACK_ROW_MAJOR, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, pivots);
}

long cla_dgetri(long n, double *a, const int *pivots) {
    return LAPACKE_dgetri(LAPACK_ROW_MAJOR, (lapack_int)n, a, (lapack_int)n, pivots);
}

const char *cla_openblas_corename(void) { return openblas_get_corename(); }

void cla_openblas_reselect_kernels(void) {
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
}

int cla_set_malloc_thresholds(long mmapThreshold, long trimThreshold) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)mmapThreshold) && mallopt(M_TRIM_THRESHOLD, (int)trimThreshold);
#else
    return 0;
#endif
}
