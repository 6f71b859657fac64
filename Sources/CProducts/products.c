#include "products.h"
#include <oneapi/dnnl/dnnl.h>

// From libgomp (oneDNN's threading here); its header belongs to gcc, not on every compiler's path.
extern void omp_set_num_threads(int count);

void products_onednn_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    // Each calling thread is its own OpenMP initial thread, with its own team size: set it to one
    // every time (a thread-local store), since the trainer's workers are the parallelism.
    omp_set_num_threads(1);
    dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
