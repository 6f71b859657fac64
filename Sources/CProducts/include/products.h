// oneDNN's matrix product for the Swift engine (Sources/SequenceNet/ProductEngine.swift), behind one
// small row-major function, so that Swift imports it rather than oneDNN's large header. Every call
// runs on the calling thread alone.
#ifndef PRODUCTS_H
#define PRODUCTS_H

// C = alpha * op(A) op(B) + beta * C, row-major; op(A) [M, K], op(B) [K, N], C [M, N];
// transpose_a means A is stored [K, M], transpose_b that B is stored [N, K].

// oneDNN's dnnl_sgemm (its OpenMP team held to one thread for the call).
void products_onednn_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

#endif
