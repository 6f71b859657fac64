#include "products.h"
#include <oneapi/dnnl/dnnl.h>
#include <libxsmm.h>

// From libgomp (oneDNN's threading here); its header belongs to gcc, not on every compiler's path.
extern void omp_set_num_threads(int count);

void products_onednn_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    // Each calling thread is its own OpenMP initial thread, with its own team size: set it to one
    // every time (a thread-local store), since the trainer's workers are the parallelism.
    omp_set_num_threads(1);
    dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void products_libxsmm_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                            const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    // libxsmm is column-major: a row-major C = op(A) op(B) is the column-major C^T = op(B)^T op(A)^T,
    // the same call with the operands (and their flags) swapped.
    const char ta = transpose_a ? 'T' : 'N', tb = transpose_b ? 'T' : 'N';
    const libxsmm_blasint cm = n, cn = m, ck = k, la = ldb, lb = lda, lc = ldc;
    libxsmm_sgemm(&tb, &ta, &cm, &cn, &ck, &alpha, b, &la, a, &lb, &beta, c, &lc);
}
