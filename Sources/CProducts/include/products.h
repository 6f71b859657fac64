// oneDNN's matrix product for the Swift engine (Sources/SequenceNet/ProductEngine.swift), behind one
// small row-major function, so that Swift imports it rather than oneDNN's large header. Every call
// runs on the calling thread alone, on oneDNN's AVX2 kernels wherever the CPU has AVX2.
#ifndef PRODUCTS_H
#define PRODUCTS_H

// C = alpha * op(A) op(B) + beta * C, row-major; op(A) [M, K], op(B) [K, N], C [M, N];
// transpose_a means A is stored [K, M], transpose_b that B is stored [N, K].

// oneDNN's dnnl_sgemm (its OpenMP team held to one thread for the call). The first call pins the path.
void products_onednn_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);

// The path every product takes, fixed once for the process before its first product.
typedef struct {
    int major, minor, patch;  // oneDNN's version
    int pin_status;           // what dnnl_set_max_cpu_isa(AVX2) returned (0: success)
    int isa;                  // dnnl_get_effective_cpu_isa() after the pin (a dnnl_cpu_isa_t)
    const char *isa_name;     // that ISA as oneDNN's DNNL_MAX_CPU_ISA spells it, lower case
} products_path;

// Pins oneDNN to AVX2 if nothing has yet, and says what the products run on.
products_path products_path_in_use(void);

// GFLOP/s of the calling core's own 8-wide multiply-adds (AVX2 and FMA), run for about `seconds`: the
// most any product on the pinned path could reach on it (benchmarks only).
double products_fma_peak_gflops(double seconds);

#endif
