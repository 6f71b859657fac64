#include "products.h"
#include <oneapi/dnnl/dnnl.h>
#include <pthread.h>
#include <pmmintrin.h>

// From libgomp (oneDNN's threading here); its header belongs to gcc, not on every compiler's path.
extern void omp_set_num_threads(int count);

static products_path chosen;
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;

static const char *isa_name(dnnl_cpu_isa_t isa) {
    switch (isa) {
    case dnnl_cpu_isa_sse41: return "sse41";
    case dnnl_cpu_isa_avx: return "avx";
    case dnnl_cpu_isa_avx2: return "avx2";
    case dnnl_cpu_isa_avx2_vnni: return "avx2_vnni";
    case dnnl_cpu_isa_avx512_mic: return "avx512_mic";
    case dnnl_cpu_isa_avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl_cpu_isa_avx512_core: return "avx512_core";
    case dnnl_cpu_isa_avx512_core_vnni: return "avx512_core_vnni";
    case dnnl_cpu_isa_avx512_core_bf16: return "avx512_core_bf16";
    case dnnl_cpu_isa_avx512_core_amx: return "avx512_core_amx";
    default: return "unknown";
    }
}

// oneDNN's AVX-512 kernels sum a dot product in other blocks than its AVX2 kernels, so the same
// product gives other last bits on an AVX-512 CPU; capping the ISA at AVX2 makes every x86-64 CPU
// with AVX2 run the same kernels. It must happen before oneDNN generates any code, and it overrides
// a DNNL_MAX_CPU_ISA in the environment, so the numbers never depend on the reader's settings.
static void pin(void) {
    const dnnl_version_t *version = dnnl_version();
    chosen.major = version->major;
    chosen.minor = version->minor;
    chosen.patch = version->patch;
    chosen.pin_status = (int)dnnl_set_max_cpu_isa(dnnl_cpu_isa_avx2);
    dnnl_cpu_isa_t isa = dnnl_get_effective_cpu_isa();
    chosen.isa = (int)isa;
    chosen.isa_name = isa_name(isa);
}

products_path products_path_in_use(void) {
    pthread_once(&pin_once, pin);
    return chosen;
}

void products_onednn_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
    pthread_once(&pin_once, pin);
    // Each calling thread is its own OpenMP initial thread, with its own team size: set it to one
    // every time (a thread-local store), since the trainer's workers are the parallelism.
    omp_set_num_threads(1);
    // Subnormal floats cost a microcode assist each in the kernels' multiply-adds: the GRU with recurrent
    // dropout meets them in its late gate gradients, and its products ran twice as long. Inside a product
    // they count as zero (DAZ) and results below the normal range become zero (FTZ); such values are
    // under 2^-126 and lost in rounding next to any term of ordinary size. The caller's mode is put back
    // after the call (oneDNN is held to this one thread, so the mode covers the whole product), and the
    // library's own arithmetic still keeps subnormals. Both modes are defined alike on every x86-64 CPU.
    const unsigned caller_mode = _mm_getcsr();
    _mm_setcsr(caller_mode | _MM_FLUSH_ZERO_ON | _MM_DENORMALS_ZERO_ON);
    dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c,
               ldc);
    _mm_setcsr(caller_mode);
}
