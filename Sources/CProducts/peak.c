#include "products.h"
#include <immintrin.h>
#include <time.h>

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

// Twelve independent chains of 8-wide multiply-adds keep both of a core's FMA units busy (each takes
// four cycles and two issue per cycle, so eight chains are the least that fill them); nothing else runs
// in the loop. The products' kernels use the same instructions, so no product can run faster.
__attribute__((target("avx2,fma"))) double products_fma_peak_gflops(double seconds) {
    // Read through volatile, so that the compiler cannot work the chains out itself and drop the loop.
    static volatile float start_value = 1.0f, scale_value = 0.9999999f, shift_value = 1e-7f;
    __m256 chains[12];
    for (int i = 0; i < 12; i++) chains[i] = _mm256_set1_ps(start_value + (float)i * 1e-7f);
    const __m256 scale = _mm256_set1_ps(scale_value), shift = _mm256_set1_ps(shift_value);
    const long rounds = 1 << 20;  // about two milliseconds between looks at the clock
    long done = 0;
    double start = seconds_now(), elapsed = 0;
    do {
        for (long r = 0; r < rounds; r++) {
            for (int i = 0; i < 12; i++) chains[i] = _mm256_fmadd_ps(chains[i], scale, shift);
        }
        done += rounds;
        elapsed = seconds_now() - start;
    } while (elapsed < seconds);
    // Keep every lane of every chain alive, so that the compiler can narrow none of them either.
    static volatile float sink[8];
    __m256 total = chains[0];
    for (int i = 1; i < 12; i++) total = _mm256_add_ps(total, chains[i]);
    float lanes[8];
    _mm256_storeu_ps(lanes, total);
    for (int i = 0; i < 8; i++) sink[i] = lanes[i];
    return (double)done * 12 * 8 * 2 / elapsed / 1e9;
}
