/*
 * rnn_primitive_bench.c -- what would oneDNN's own RNN primitives cost on the
 * chapter's recurrent training shapes?
 *
 * Two stacked one-direction layers, as the CET models have them:
 *   layer 1: C = 1   -> H = 100
 *   layer 2: C = 100 -> H = 100
 * T = 59 time steps, batch N = 64 (one worker's half of a 128 batch).
 *
 * One iteration = forward_training layer 1, forward_training layer 2,
 * backward layer 2, backward layer 1 (plus, in the second timed run, the
 * per-iteration reorders of the user's ldigo weights into the formats the
 * primitives want, and of the diff weights back, timed separately).
 *
 * oneDNN 2.6 C API (op-descriptor style). Build: ./build.sh
 * Run:   OMP_NUM_THREADS=1 ./rnn_primitive_bench rnn|gru|lstm
 *            [--n 64] [--t 59] [--iters 625] [--warmup 20] [--threads 1]
 *            [--no-check] [--null-src-iter]
 *
 * Initial states are zero. By default they are passed as explicit zero src_iter
 * (and src_iter_c) memories: with src_iter = NULL, oneDNN 2.6.3's backward
 * returns a wrong diff_weights_iter for the vanilla RNN (badly: ~80% of its
 * largest entry; it matches sum_t h_t^T da_t instead of sum_t h_{t-1}^T da_t)
 * and for the LSTM (a few per cent); LBR-GRU is bit-identical either way, and
 * every other output is right. --null-src-iter shows it in the smoke check.
 *
 * Cell conventions (oneDNN's, which match PyTorch's equations):
 *   rnn : h = tanh(W x + U h' + b)                 G = 1, one bias (b_ih + b_hh)
 *   gru : linear-before-reset GRU (nn.GRU)          G = 3 (u, r, o), 4 bias gates:
 *         u = s(Wu x + Uu h' + bu), r = s(Wr x + Ur h' + br)
 *         o = tanh(Wo x + bo + r * (Uo h' + bu'));  h = u h' + (1 - u) o
 *   lstm: gates i, f, c~, o (PyTorch's i, f, g, o), one bias (b_ih + b_hh)
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <oneapi/dnnl/dnnl.h>
#include <oneapi/dnnl/dnnl_debug.h>

#define CHECK(call)                                                        \
    do {                                                                   \
        dnnl_status_t s_ = (call);                                         \
        if (s_ != dnnl_success) {                                          \
            fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, \
                    #call, dnnl_status2str(s_));                           \
            exit(2);                                                       \
        }                                                                  \
    } while (0)

enum cell { CELL_RNN, CELL_GRU, CELL_LSTM };
static const char *cell_name[] = {"rnn (vanilla, tanh)", "gru (linear-before-reset)",
                                  "lstm"};

static dnnl_engine_t engine;
static dnnl_stream_t stream;

/* ---------------------------------------------------------------- timing */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}
static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* ------------------------------------------------------------ random */
static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static float frand(float lo, float hi) { /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    unsigned long long r = rng_state * 2685821657736338717ull;
    return lo + (hi - lo) * (float)((r >> 40) * (1.0 / 16777216.0));
}

/* ---------------------------------------------------------- memory utils */
static float *ptr(dnnl_memory_t m) {
    void *p = NULL;
    CHECK(dnnl_memory_get_data_handle(m, &p));
    return (float *)p;
}
static size_t md_bytes(const dnnl_memory_desc_t *md) { return dnnl_memory_desc_get_size(md); }
static dnnl_memory_t new_mem(const dnnl_memory_desc_t *md) {
    dnnl_memory_t m;
    CHECK(dnnl_memory_create(&m, md, engine, DNNL_MEMORY_ALLOCATE));
    memset(ptr(m), 0, md_bytes(md));
    return m;
}
static dnnl_memory_desc_t md_tag(int nd, const dnnl_dims_t dims, dnnl_format_tag_t tag) {
    dnnl_memory_desc_t md;
    CHECK(dnnl_memory_desc_init_by_tag(&md, nd, dims, dnnl_f32, tag));
    return md;
}

/* Human-readable name of an RNN weights memory descriptor. */
static const char *describe_weights(const dnnl_memory_desc_t *md) {
    static char buf[8][160];
    static int k = 0;
    char *b = buf[k++ & 7];
    if (md->format_kind == dnnl_format_kind_rnn_packed) {
        snprintf(b, 160, "rnn_packed (%zu bytes)", md_bytes(md));
        return b;
    }
    if (md->format_kind != dnnl_blocked) {
        snprintf(b, 160, "%s", dnnl_fmt_kind2str(md->format_kind));
        return b;
    }
    dnnl_memory_desc_t ldigo = md_tag(md->ndims, md->dims, dnnl_ldigo);
    dnnl_memory_desc_t ldgoi = md_tag(md->ndims, md->dims, dnnl_ldgoi);
    if (dnnl_memory_desc_equal(md, &ldigo)) return "ldigo";
    if (dnnl_memory_desc_equal(md, &ldgoi)) return "ldgoi";
    const dnnl_blocking_desc_t *bd = &md->format_desc.blocking;
    int n = snprintf(b, 160, "blocked strides");
    for (int i = 0; i < md->ndims; i++) n += snprintf(b + n, 160 - n, " %lld", (long long)bd->strides[i]);
    snprintf(b + n, 160 - n, ", %d inner blocks", bd->inner_nblks);
    return b;
}

/* --------------------------------------------------------------- a layer */
typedef struct {
    int T, N, C, H, G, Gb;
    enum cell kind;
    dnnl_primitive_desc_t fwd_pd, bwd_pd;
    dnnl_primitive_t fwd, bwd;
    /* data (tnc) */
    dnnl_memory_t src, dst, diff_src, diff_dst, ws;
    dnnl_memory_t h0, c0, dh0, dc0; /* only with --src-iter */
    /* user weights: ldigo / ldgo (what the training code would own) */
    dnnl_memory_t wl_user, wi_user, bias;
    /* weights in the forward / backward primitive formats (may alias user) */
    dnnl_memory_t wl_fwd, wi_fwd, wl_bwd, wi_bwd;
    dnnl_primitive_t r_wl_fwd, r_wi_fwd, r_wl_bwd, r_wi_bwd; /* NULL = not needed */
    /* diff weights in the backward primitive's format, and in ldigo */
    dnnl_memory_t dwl, dwi, dbias, dwl_user, dwi_user;
    dnnl_primitive_t r_dwl, r_dwi; /* NULL = not needed */
    size_t dwl_bytes, dwi_bytes, dbias_bytes;
    const char *fmt_wl_fwd, *fmt_wi_fwd, *fmt_wl_bwd, *fmt_wi_bwd, *fmt_dwl, *fmt_dwi;
} layer_t;

/* explicit zero initial state (ldnc), or NULL = let the primitive assume zeros */
static const dnnl_memory_desc_t *g_iter_md = NULL;

static void init_fwd_desc(dnnl_rnn_desc_t *d, enum cell kind, const dnnl_memory_desc_t *src,
                          const dnnl_memory_desc_t *wl, const dnnl_memory_desc_t *wi,
                          const dnnl_memory_desc_t *b, const dnnl_memory_desc_t *dst) {
    const dnnl_rnn_direction_t dir = dnnl_unidirectional_left2right;
    switch (kind) {
    case CELL_RNN:
        CHECK(dnnl_vanilla_rnn_forward_desc_init(d, dnnl_forward_training, dnnl_eltwise_tanh, dir,
                                                 src, g_iter_md, wl, wi, b, dst, NULL, 0, 0.f, 0.f));
        break;
    case CELL_GRU:
        CHECK(dnnl_lbr_gru_forward_desc_init(d, dnnl_forward_training, dir, src, g_iter_md, wl, wi, b,
                                             dst, NULL, 0));
        break;
    case CELL_LSTM:
        CHECK(dnnl_lstm_forward_desc_init(d, dnnl_forward_training, dir, src, g_iter_md, g_iter_md, wl, wi,
                                          b, dst, NULL, NULL, 0));
        break;
    }
}

static dnnl_status_t init_bwd_desc(dnnl_rnn_desc_t *d, enum cell kind,
                                   const dnnl_memory_desc_t *src, const dnnl_memory_desc_t *wl,
                                   const dnnl_memory_desc_t *wi, const dnnl_memory_desc_t *b,
                                   const dnnl_memory_desc_t *dst,
                                   const dnnl_memory_desc_t *dsrc,
                                   const dnnl_memory_desc_t *dwl,
                                   const dnnl_memory_desc_t *dwi, const dnnl_memory_desc_t *db,
                                   const dnnl_memory_desc_t *ddst) {
    const dnnl_rnn_direction_t dir = dnnl_unidirectional_left2right;
    switch (kind) {
    case CELL_RNN:
        return dnnl_vanilla_rnn_backward_desc_init(d, dnnl_backward, dnnl_eltwise_tanh, dir, src,
                                                   g_iter_md, wl, wi, b, dst, NULL, dsrc, g_iter_md, dwl,
                                                   dwi, db, ddst, NULL, 0, 0.f, 0.f);
    case CELL_GRU:
        return dnnl_lbr_gru_backward_desc_init(d, dnnl_backward, dir, src, g_iter_md, wl, wi, b, dst,
                                               NULL, dsrc, g_iter_md, dwl, dwi, db, ddst, NULL, 0);
    case CELL_LSTM:
        return dnnl_lstm_backward_desc_init(d, dnnl_backward, dir, src, g_iter_md, g_iter_md, wl, wi, b, dst,
                                            NULL, NULL, dsrc, g_iter_md, g_iter_md, dwl, dwi, db, ddst, NULL,
                                            NULL, 0);
    }
    return dnnl_invalid_arguments;
}

/* A reorder src -> dst if their descriptors differ; returns NULL (and aliases) if equal. */
static dnnl_primitive_t make_reorder(dnnl_memory_t from, const dnnl_memory_desc_t *to_md,
                                     dnnl_memory_t *to) {
    const dnnl_memory_desc_t *from_md;
    CHECK(dnnl_memory_get_memory_desc(from, &from_md));
    if (dnnl_memory_desc_equal(from_md, to_md)) {
        *to = from;
        return NULL;
    }
    *to = new_mem(to_md);
    dnnl_primitive_desc_t pd;
    CHECK(dnnl_reorder_primitive_desc_create(&pd, from_md, engine, to_md, engine, NULL));
    dnnl_primitive_t p;
    CHECK(dnnl_primitive_create(&p, pd));
    CHECK(dnnl_primitive_desc_destroy(pd));
    return p;
}
static void run_reorder(dnnl_primitive_t r, dnnl_memory_t from, dnnl_memory_t to) {
    if (!r) return;
    dnnl_exec_arg_t a[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
    CHECK(dnnl_primitive_execute(r, stream, 2, a));
}

/* Build a layer. src / diff_src may be shared with the layer below (NULL = allocate). */
static void layer_init(layer_t *L, enum cell kind, int T, int N, int C, int H, dnnl_memory_t src,
                       dnnl_memory_t diff_src) {
    memset(L, 0, sizeof *L);
    L->kind = kind;
    L->T = T, L->N = N, L->C = C, L->H = H;
    L->G = kind == CELL_RNN ? 1 : kind == CELL_GRU ? 3 : 4;
    L->Gb = kind == CELL_RNN ? 1 : 4; /* LBR-GRU has 4 bias gates */

    dnnl_dims_t d_src = {T, N, C}, d_dst = {T, N, H};
    dnnl_dims_t d_wl = {1, 1, C, L->G, H}, d_wi = {1, 1, H, L->G, H}, d_b = {1, 1, L->Gb, H};
    dnnl_memory_desc_t src_md = md_tag(3, d_src, dnnl_tnc), dst_md = md_tag(3, d_dst, dnnl_tnc);
    dnnl_memory_desc_t wl_any = md_tag(5, d_wl, dnnl_format_tag_any);
    dnnl_memory_desc_t wi_any = md_tag(5, d_wi, dnnl_format_tag_any);
    dnnl_memory_desc_t wl_user = md_tag(5, d_wl, dnnl_ldigo), wi_user = md_tag(5, d_wi, dnnl_ldigo);
    dnnl_memory_desc_t b_md = md_tag(4, d_b, dnnl_ldgo);

    /* forward_training, weights in whatever format the primitive prefers */
    dnnl_rnn_desc_t fd;
    init_fwd_desc(&fd, kind, &src_md, &wl_any, &wi_any, &b_md, &dst_md);
    CHECK(dnnl_primitive_desc_create(&L->fwd_pd, &fd, NULL, engine, NULL));
    CHECK(dnnl_primitive_create(&L->fwd, L->fwd_pd));

    /* backward: weights "any" (the primitive says what it needs), diff weights
       preferably in the user's ldigo, else whatever it wants */
    dnnl_rnn_desc_t bd;
    CHECK(init_bwd_desc(&bd, kind, &src_md, &wl_any, &wi_any, &b_md, &dst_md, &src_md, &wl_user,
                        &wi_user, &b_md, &dst_md));
    if (dnnl_primitive_desc_create(&L->bwd_pd, &bd, NULL, engine, L->fwd_pd) != dnnl_success) {
        CHECK(init_bwd_desc(&bd, kind, &src_md, &wl_any, &wi_any, &b_md, &dst_md, &src_md, &wl_any,
                            &wi_any, &b_md, &dst_md));
        CHECK(dnnl_primitive_desc_create(&L->bwd_pd, &bd, NULL, engine, L->fwd_pd));
    }
    CHECK(dnnl_primitive_create(&L->bwd, L->bwd_pd));

#define Q(pd, arg) dnnl_primitive_desc_query_md(pd, dnnl_query_exec_arg_md, arg)
    /* data */
    L->src = src ? src : new_mem(&src_md);
    L->dst = new_mem(&dst_md);
    L->diff_src = diff_src ? diff_src : new_mem(&src_md);
    L->diff_dst = new_mem(&dst_md);
    L->ws = new_mem(Q(L->fwd_pd, DNNL_ARG_WORKSPACE));
    if (g_iter_md) {
        L->h0 = new_mem(g_iter_md), L->c0 = new_mem(g_iter_md);
        L->dh0 = new_mem(g_iter_md), L->dc0 = new_mem(g_iter_md);
    }
    if (!dnnl_memory_desc_equal(Q(L->fwd_pd, DNNL_ARG_WORKSPACE),
                                Q(L->bwd_pd, DNNL_ARG_WORKSPACE))) {
        fprintf(stderr, "workspace descriptors of fwd and bwd differ\n");
        exit(2);
    }
    /* weights */
    L->wl_user = new_mem(&wl_user);
    L->wi_user = new_mem(&wi_user);
    L->bias = new_mem(&b_md);
    L->r_wl_fwd = make_reorder(L->wl_user, Q(L->fwd_pd, DNNL_ARG_WEIGHTS_LAYER), &L->wl_fwd);
    L->r_wi_fwd = make_reorder(L->wi_user, Q(L->fwd_pd, DNNL_ARG_WEIGHTS_ITER), &L->wi_fwd);
    L->r_wl_bwd = make_reorder(L->wl_user, Q(L->bwd_pd, DNNL_ARG_WEIGHTS_LAYER), &L->wl_bwd);
    L->r_wi_bwd = make_reorder(L->wi_user, Q(L->bwd_pd, DNNL_ARG_WEIGHTS_ITER), &L->wi_bwd);
    if (!dnnl_memory_desc_equal(Q(L->bwd_pd, DNNL_ARG_BIAS), &b_md)) {
        fprintf(stderr, "backward wants a bias format other than ldgo\n");
        exit(2);
    }
    /* diff weights */
    const dnnl_memory_desc_t *dwl_md = Q(L->bwd_pd, DNNL_ARG_DIFF_WEIGHTS_LAYER);
    const dnnl_memory_desc_t *dwi_md = Q(L->bwd_pd, DNNL_ARG_DIFF_WEIGHTS_ITER);
    const dnnl_memory_desc_t *db_md = Q(L->bwd_pd, DNNL_ARG_DIFF_BIAS);
    L->dwl = new_mem(dwl_md);
    L->dwi = new_mem(dwi_md);
    L->dbias = new_mem(db_md);
    L->dwl_bytes = md_bytes(dwl_md), L->dwi_bytes = md_bytes(dwi_md), L->dbias_bytes = md_bytes(db_md);
    /* reorder diff weights back to ldigo if the primitive produced another format */
    L->r_dwl = make_reorder(L->dwl, &wl_user, &L->dwl_user);
    L->r_dwi = make_reorder(L->dwi, &wi_user, &L->dwi_user);
    L->fmt_wl_fwd = describe_weights(Q(L->fwd_pd, DNNL_ARG_WEIGHTS_LAYER));
    L->fmt_wi_fwd = describe_weights(Q(L->fwd_pd, DNNL_ARG_WEIGHTS_ITER));
    L->fmt_wl_bwd = describe_weights(Q(L->bwd_pd, DNNL_ARG_WEIGHTS_LAYER));
    L->fmt_wi_bwd = describe_weights(Q(L->bwd_pd, DNNL_ARG_WEIGHTS_ITER));
    L->fmt_dwl = describe_weights(dwl_md);
    L->fmt_dwi = describe_weights(dwi_md);
#undef Q
}

static void layer_print(const layer_t *L, int idx) {
    const char *impl_f = NULL, *impl_b = NULL;
    dnnl_primitive_desc_query(L->fwd_pd, dnnl_query_impl_info_str, 0, &impl_f);
    dnnl_primitive_desc_query(L->bwd_pd, dnnl_query_impl_info_str, 0, &impl_b);
    const dnnl_memory_desc_t *ws = dnnl_primitive_desc_query_md(L->fwd_pd, dnnl_query_exec_arg_md,
                                                                DNNL_ARG_WORKSPACE);
    printf("layer %d: C=%d H=%d G=%d bias gates=%d  impl fwd=%s bwd=%s  workspace %.2f MB\n", idx,
           L->C, L->H, L->G, L->Gb, impl_f, impl_b, md_bytes(ws) / 1e6);
    printf("  weights_layer: fwd %s, bwd %s, diff %s;  weights_iter: fwd %s, bwd %s, diff %s\n",
           L->fmt_wl_fwd, L->fmt_wl_bwd, L->fmt_dwl, L->fmt_wi_fwd, L->fmt_wi_bwd, L->fmt_dwi);
}

/* per-iteration reorders of the user's ldigo weights into the primitives' formats */
static void layer_weight_reorders(layer_t *L) {
    run_reorder(L->r_wl_fwd, L->wl_user, L->wl_fwd);
    run_reorder(L->r_wi_fwd, L->wi_user, L->wi_fwd);
    run_reorder(L->r_wl_bwd, L->wl_user, L->wl_bwd);
    run_reorder(L->r_wi_bwd, L->wi_user, L->wi_bwd);
}
static int layer_count_reorders(const layer_t *L) {
    return !!L->r_wl_fwd + !!L->r_wi_fwd + !!L->r_wl_bwd + !!L->r_wi_bwd + !!L->r_dwl + !!L->r_dwi;
}
static void layer_diff_reorders(layer_t *L) {
    run_reorder(L->r_dwl, L->dwl, L->dwl_user);
    run_reorder(L->r_dwi, L->dwi, L->dwi_user);
}
static void layer_forward(layer_t *L) {
    dnnl_exec_arg_t a[] = {
        {DNNL_ARG_SRC_LAYER, L->src},       {DNNL_ARG_WEIGHTS_LAYER, L->wl_fwd},
        {DNNL_ARG_WEIGHTS_ITER, L->wi_fwd}, {DNNL_ARG_BIAS, L->bias},
        {DNNL_ARG_DST_LAYER, L->dst},       {DNNL_ARG_WORKSPACE, L->ws},
        {DNNL_ARG_SRC_ITER, L->h0},         {DNNL_ARG_SRC_ITER_C, L->c0},
    };
    int n = !g_iter_md ? 6 : L->kind == CELL_LSTM ? 8 : 7;
    CHECK(dnnl_primitive_execute(L->fwd, stream, n, a));
}
static void layer_backward(layer_t *L, int zero_diff_weights) {
    if (zero_diff_weights) { /* oneDNN's RNN backward accumulates into diff weights */
        memset(ptr(L->dwl), 0, L->dwl_bytes);
        memset(ptr(L->dwi), 0, L->dwi_bytes);
        memset(ptr(L->dbias), 0, L->dbias_bytes);
    }
    dnnl_exec_arg_t a[] = {
        {DNNL_ARG_SRC_LAYER, L->src},          {DNNL_ARG_WEIGHTS_LAYER, L->wl_bwd},
        {DNNL_ARG_WEIGHTS_ITER, L->wi_bwd},    {DNNL_ARG_BIAS, L->bias},
        {DNNL_ARG_DST_LAYER, L->dst},          {DNNL_ARG_WORKSPACE, L->ws},
        {DNNL_ARG_DIFF_SRC_LAYER, L->diff_src}, {DNNL_ARG_DIFF_DST_LAYER, L->diff_dst},
        {DNNL_ARG_DIFF_WEIGHTS_LAYER, L->dwl}, {DNNL_ARG_DIFF_WEIGHTS_ITER, L->dwi},
        {DNNL_ARG_DIFF_BIAS, L->dbias},
        {DNNL_ARG_SRC_ITER, L->h0},            {DNNL_ARG_DIFF_SRC_ITER, L->dh0},
        {DNNL_ARG_SRC_ITER_C, L->c0},          {DNNL_ARG_DIFF_SRC_ITER_C, L->dc0},
    };
    int n = !g_iter_md ? 11 : L->kind == CELL_LSTM ? 15 : 13;
    CHECK(dnnl_primitive_execute(L->bwd, stream, n, a));
}

/* matrix-product FLOPs of one layer's forward pass: input projection
   (T*N x G*H x C) + recurrent product (N x G*H x H) for T-1 steps */
static double layer_fwd_flops(const layer_t *L) {
    double GH = (double)L->G * L->H;
    return 2.0 * L->T * L->N * GH * L->C + 2.0 * (L->T - 1) * L->N * GH * L->H;
}

/* ----------------------------------------------------- reference forward */
static double sigm(double x) { return 1.0 / (1.0 + exp(-x)); }

/* Plain loops, double precision, oneDNN's gate order, user layouts
   (x, out: tnc; wl: [C][G][H]; wi: [H][G][H]; b: [Gb][H]). */
static void ref_forward(enum cell kind, int T, int N, int C, int H, const float *x,
                        const float *wl, const float *wi, const float *b, double *out) {
    int G = kind == CELL_RNN ? 1 : kind == CELL_GRU ? 3 : 4;
    double *h = calloc((size_t)N * H, sizeof *h), *c = calloc((size_t)N * H, sizeof *c);
    double *gx = malloc(sizeof(double) * G * H), *gh = malloc(sizeof(double) * G * H);
    for (int t = 0; t < T; t++) {
        for (int n = 0; n < N; n++) {
            const float *xt = x + ((size_t)t * N + n) * C;
            double *hp = h + (size_t)n * H; /* h_{t-1} of batch row n */
            for (int j = 0; j < G * H; j++) {
                double sx = 0, sh = 0;
                for (int k = 0; k < C; k++) sx += (double)xt[k] * wl[(size_t)k * G * H + j];
                for (int k = 0; k < H; k++) sh += hp[k] * wi[(size_t)k * G * H + j];
                gx[j] = sx, gh[j] = sh;
            }
            double *o = out + ((size_t)t * N + n) * H;
            for (int q = 0; q < H; q++) {
                double hn;
                if (kind == CELL_RNN) {
                    hn = tanh(gx[q] + gh[q] + b[q]);
                } else if (kind == CELL_LSTM) {
                    double i = sigm(gx[q] + gh[q] + b[q]);
                    double f = sigm(gx[H + q] + gh[H + q] + b[H + q]);
                    double g = tanh(gx[2 * H + q] + gh[2 * H + q] + b[2 * H + q]);
                    double og = sigm(gx[3 * H + q] + gh[3 * H + q] + b[3 * H + q]);
                    double cn = f * c[(size_t)n * H + q] + i * g;
                    c[(size_t)n * H + q] = cn;
                    hn = og * tanh(cn);
                } else {
                    double u = sigm(gx[q] + gh[q] + b[q]);
                    double r = sigm(gx[H + q] + gh[H + q] + b[H + q]);
                    double cand = tanh(gx[2 * H + q] + b[2 * H + q] + r * (gh[2 * H + q] + b[3 * H + q]));
                    hn = u * hp[q] + (1 - u) * cand;
                }
                o[q] = hn;
            }
            /* h for this batch row only depends on this row: safe to update now */
            for (int q = 0; q < H; q++) hp[q] = o[q];
        }
    }
    free(h), free(c), free(gx), free(gh);
}

/* ------------------------------------------------------------ the model */
static layer_t L1, L2;

static void fill(dnnl_memory_t m, size_t bytes, float lo, float hi) {
    float *p = ptr(m);
    for (size_t i = 0; i < bytes / sizeof(float); i++) p[i] = frand(lo, hi);
}

static void forward_all(void) {
    layer_weight_reorders(&L1);
    layer_weight_reorders(&L2);
    layer_forward(&L1);
    layer_forward(&L2);
}
static void backward_all(void) {
    layer_backward(&L2, 1);
    layer_backward(&L1, 1);
    layer_diff_reorders(&L2);
    layer_diff_reorders(&L1);
}
/* loss whose gradient wrt dst2[T-1] is diff_dst of layer 2 */
static double loss(void) {
    int T = L2.T, N = L2.N, H = L2.H;
    const float *y = ptr(L2.dst) + (size_t)(T - 1) * N * H;
    const float *g = ptr(L2.diff_dst) + (size_t)(T - 1) * N * H;
    double s = 0;
    for (int i = 0; i < N * H; i++) s += (double)y[i] * g[i];
    return s;
}

static double smoke_forward(const layer_t *L, const char *label) {
    int T = L->T, N = L->N, H = L->H;
    double *ref = malloc(sizeof(double) * T * N * H);
    ref_forward(L->kind, T, N, L->C, H, ptr(L->src), ptr(L->wl_user), ptr(L->wi_user),
                ptr(L->bias), ref);
    const float *y = ptr(L->dst);
    double m_all = 0, m_last = 0, m_mid = 0;
    for (int t = 0; t < T; t++)
        for (int i = 0; i < N * H; i++) {
            double d = fabs(ref[(size_t)t * N * H + i] - y[(size_t)t * N * H + i]);
            if (d > m_all) m_all = d;
            if (t == T - 1 && d > m_last) m_last = d;
            if (t == T / 2 && d > m_mid) m_mid = d;
        }
    printf("  smoke fwd %s vs plain C loop (double): max|diff| step %d: %.3g, step %d: %.3g, all steps: %.3g\n",
           label, T / 2, m_mid, T - 1, m_last, m_all);
    free(ref);
    return m_all;
}

/* central finite difference of loss() wrt one float, versus the primitive's gradient */
static double fd_check(const char *what, float *param, float analytic) {
    const float eps = 5e-3f;
    float keep = *param;
    *param = keep + eps;
    forward_all();
    double lp = loss();
    *param = keep - eps;
    forward_all();
    double lm = loss();
    *param = keep;
    double num = (lp - lm) / (2.0 * eps);
    double rel = fabs(num - analytic) / fmax(fabs(num), 1e-3);
    printf("    %-28s analytic % .6f  numeric % .6f  rel.err %.2g\n", what, analytic, num, rel);
    return rel;
}


/* Reference BPTT for the vanilla tanh RNN, double precision, user layouts.
   x: [T][N][C], h: forward output [T][N][H] (double), dy: diff_dst [T][N][H];
   outputs dwl [C][H], dwi [H][H], db [H], dx [T][N][C] (all zeroed here). */
static void ref_rnn_backward(int T, int N, int C, int H, const float *x, const double *h,
                             const float *wl, const float *wi, const float *dy, double *dwl,
                             double *dwi, double *db, double *dx) {
    memset(dwl, 0, sizeof(double) * C * H);
    memset(dwi, 0, sizeof(double) * H * H);
    memset(db, 0, sizeof(double) * H);
    double *dnext = calloc((size_t)N * H, sizeof *dnext), *da = malloc(sizeof(double) * H);
    for (int t = T - 1; t >= 0; t--)
        for (int n = 0; n < N; n++) {
            const double *ht = h + ((size_t)t * N + n) * H;
            const double *hp = t > 0 ? h + ((size_t)(t - 1) * N + n) * H : NULL;
            const float *xt = x + ((size_t)t * N + n) * C;
            double *dn = dnext + (size_t)n * H;
            for (int o = 0; o < H; o++) {
                double dh = dy[((size_t)t * N + n) * H + o] + dn[o];
                da[o] = dh * (1 - ht[o] * ht[o]);
                db[o] += da[o];
            }
            for (int c = 0; c < C; c++) {
                double s = 0;
                for (int o = 0; o < H; o++) {
                    dwl[(size_t)c * H + o] += xt[c] * da[o];
                    s += wl[(size_t)c * H + o] * da[o];
                }
                dx[((size_t)t * N + n) * C + c] = s;
            }
            for (int k = 0; k < H; k++) {
                double s = 0;
                for (int o = 0; o < H; o++) {
                    if (hp) dwi[(size_t)k * H + o] += hp[k] * da[o];
                    s += wi[(size_t)k * H + o] * da[o];
                }
                dn[k] = s;
            }
        }
    free(dnext), free(da);
}

static double maxdiff(const double *ref, const float *y, size_t n) {
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(ref[i] - y[i]));
    return m;
}
static double maxabs(const double *ref, size_t n) {
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(ref[i]));
    return m;
}

/* full-gradient comparison for the vanilla RNN (both layers) */
static void smoke_rnn_backward(void) {
    int T = L1.T, N = L1.N, C = L1.C, H = L1.H;
    size_t th = (size_t)T * N * H;
    double *h1 = malloc(sizeof(double) * th), *h2 = malloc(sizeof(double) * th);
    ref_forward(CELL_RNN, T, N, C, H, ptr(L1.src), ptr(L1.wl_user), ptr(L1.wi_user), ptr(L1.bias), h1);
    float *h1f = malloc(sizeof(float) * th);
    for (size_t i = 0; i < th; i++) h1f[i] = (float)h1[i];
    ref_forward(CELL_RNN, T, N, H, H, h1f, ptr(L2.wl_user), ptr(L2.wi_user), ptr(L2.bias), h2);
    double *dwl2 = malloc(sizeof(double) * H * H), *dwi2 = malloc(sizeof(double) * H * H);
    double *db2 = malloc(sizeof(double) * H), *dx2 = malloc(sizeof(double) * th);
    double *dwl1 = malloc(sizeof(double) * C * H), *dwi1 = malloc(sizeof(double) * H * H);
    double *db1 = malloc(sizeof(double) * H), *dx1 = malloc(sizeof(double) * T * N * C);
    ref_rnn_backward(T, N, H, H, h1f, h2, ptr(L2.wl_user), ptr(L2.wi_user), ptr(L2.diff_dst),
                     dwl2, dwi2, db2, dx2);
    float *dx2f = malloc(sizeof(float) * th);
    for (size_t i = 0; i < th; i++) dx2f[i] = (float)dx2[i];
    ref_rnn_backward(T, N, C, H, ptr(L1.src), h1, ptr(L1.wl_user), ptr(L1.wi_user), dx2f, dwl1,
                     dwi1, db1, dx1);
    forward_all();
    backward_all();
    /* transposed diff_weights_iter, to diagnose a layout mix-up */
    double *t1 = malloc(sizeof(double) * H * H), *t2 = malloc(sizeof(double) * H * H);
    for (int k = 0; k < H; k++)
        for (int o = 0; o < H; o++) t1[(size_t)o * H + k] = dwi1[(size_t)k * H + o], t2[(size_t)o * H + k] = dwi2[(size_t)k * H + o];
    printf("  smoke bwd (rnn) vs plain C BPTT (double), max|diff| (max|ref|):\n");
    printf("    layer 2: diff_w_layer %.3g (%.3g)  diff_w_iter %.3g (%.3g) [vs transposed ref %.3g]  diff_bias %.3g (%.3g)  diff_src %.3g (%.3g)\n",
           maxdiff(dwl2, ptr(L2.dwl_user), (size_t)H * H), maxabs(dwl2, (size_t)H * H),
           maxdiff(dwi2, ptr(L2.dwi_user), (size_t)H * H), maxabs(dwi2, (size_t)H * H),
           maxdiff(t2, ptr(L2.dwi_user), (size_t)H * H),
           maxdiff(db2, ptr(L2.dbias), H), maxabs(db2, H), maxdiff(dx2, ptr(L2.diff_src), th), maxabs(dx2, th));
    printf("    layer 1: diff_w_layer %.3g (%.3g)  diff_w_iter %.3g (%.3g) [vs transposed ref %.3g]  diff_bias %.3g (%.3g)  diff_src %.3g (%.3g)\n",
           maxdiff(dwl1, ptr(L1.dwl_user), (size_t)C * H), maxabs(dwl1, (size_t)C * H),
           maxdiff(dwi1, ptr(L1.dwi_user), (size_t)H * H), maxabs(dwi1, (size_t)H * H),
           maxdiff(t1, ptr(L1.dwi_user), (size_t)H * H),
           maxdiff(db1, ptr(L1.dbias), H), maxabs(db1, H), maxdiff(dx1, ptr(L1.diff_src), (size_t)T * N * C),
           maxabs(dx1, (size_t)T * N * C));
    free(h1), free(h2), free(h1f), free(dwl2), free(dwi2), free(db2), free(dx2), free(dwl1);
    free(dwi1), free(db1), free(dx1), free(dx2f), free(t1), free(t2);
}

static void smoke(void) {
    printf("smoke check (weights U(-1/sqrt(H), 1/sqrt(H)), inputs U(-2, 2)):\n");
    forward_all();
    smoke_forward(&L1, "layer 1");
    smoke_forward(&L2, "layer 2");

    /* backward: gradients of loss() vs finite differences, through both layers */
    backward_all();
    int H = L1.H, G = L1.G;
    float a_b1 = ptr(L1.dbias)[3], a_wi1 = ptr(L1.dwi_user)[(size_t)7 * G * H + 11];
    int gb = L2.Gb > 1 ? 1 : 0;
    float a_wl1 = ptr(L1.dwl_user)[5], a_b2 = ptr(L2.dbias)[gb * H + 2];
    float a_wl2 = ptr(L2.dwl_user)[(size_t)13 * G * H + 17], a_wi2 = ptr(L2.dwi_user)[(size_t)23 * G * H + 29];
    float a_x = ptr(L1.diff_src)[(size_t)(L1.T / 2) * L1.N * L1.C + 4 * L1.C];
    double worst = 0, r;
    printf("  smoke bwd: dL/dparam, L = sum(dst2[T-1] * diff_dst2[T-1]), central differences:\n");
    r = fd_check("layer1 bias[0][3]", &ptr(L1.bias)[3], a_b1); worst = fmax(worst, r);
    r = fd_check("layer1 w_iter[7][0][11]", &ptr(L1.wi_user)[(size_t)7 * G * H + 11], a_wi1); worst = fmax(worst, r);
    r = fd_check("layer1 w_layer[0][0][5]", &ptr(L1.wl_user)[5], a_wl1); worst = fmax(worst, r);
    r = fd_check(gb ? "layer2 bias[1][2]" : "layer2 bias[0][2]", &ptr(L2.bias)[gb * H + 2], a_b2); worst = fmax(worst, r);
    r = fd_check("layer2 w_layer[13][0][17]", &ptr(L2.wl_user)[(size_t)13 * G * H + 17], a_wl2); worst = fmax(worst, r);
    r = fd_check("layer2 w_iter[23][0][29]", &ptr(L2.wi_user)[(size_t)23 * G * H + 29], a_wi2); worst = fmax(worst, r);
    r = fd_check("layer1 diff_src x[T/2][4][0]", &ptr(L1.src)[(size_t)(L1.T / 2) * L1.N * L1.C + 4 * L1.C], a_x); worst = fmax(worst, r);
    printf("  smoke bwd: worst relative error %.2g\n", worst);
    if (L1.kind == CELL_RNN) smoke_rnn_backward();

    /* does backward accumulate into diff weights? run it twice without zeroing */
    forward_all();
    layer_backward(&L2, 1);
    float once = ptr(L2.dbias)[0];
    layer_backward(&L2, 0);
    float twice = ptr(L2.dbias)[0];
    printf("  backward run twice without zeroing: diff_bias %.6g -> %.6g (%s)\n", once, twice,
           fabsf(twice - 2 * once) < 1e-5f * fabsf(once) + 1e-7f ? "accumulates: must zero per step"
                                                                 : "overwrites");
}

/* ------------------------------------------------------------------ main */
typedef struct { double fwd, bwd, reorder, wall, cpu; } times_t;

static times_t timed_run(int iters, int with_reorders) {
    times_t r = {0};
    double w0 = now(), c0 = cpu_now();
    for (int i = 0; i < iters; i++) {
        double t0 = now();
        if (with_reorders) {
            layer_weight_reorders(&L1);
            layer_weight_reorders(&L2);
        }
        double t1 = now();
        layer_forward(&L1);
        layer_forward(&L2);
        double t2 = now();
        layer_backward(&L2, 1);
        layer_backward(&L1, 1);
        double t3 = now();
        if (with_reorders) {
            layer_diff_reorders(&L2);
            layer_diff_reorders(&L1);
        }
        double t4 = now();
        r.reorder += (t1 - t0) + (t4 - t3);
        r.fwd += t2 - t1;
        r.bwd += t3 - t2;
    }
    r.wall = now() - w0;
    r.cpu = cpu_now() - c0;
    return r;
}

int main(int argc, char **argv) {
    enum cell kind = CELL_RNN;
    int N = 64, T = 59, iters = 625, warmup = 20, threads = 1, check = 1, src_iter = 1;
    if (argc < 2) {
        fprintf(stderr, "usage: %s rnn|gru|lstm [--n 64] [--t 59] [--iters 625] [--warmup 20] "
                        "[--threads 1] [--no-check] [--null-src-iter]\n", argv[0]);
        return 1;
    }
    if (!strcmp(argv[1], "rnn")) kind = CELL_RNN;
    else if (!strcmp(argv[1], "gru")) kind = CELL_GRU;
    else if (!strcmp(argv[1], "lstm")) kind = CELL_LSTM;
    else { fprintf(stderr, "unknown cell %s\n", argv[1]); return 1; }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--n") && i + 1 < argc) N = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--t") && i + 1 < argc) T = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--iters") && i + 1 < argc) iters = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--no-check")) check = 0;
        else if (!strcmp(argv[i], "--null-src-iter")) src_iter = 0;
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 1; }
    }
    const int C1 = 1, H = 100;
    omp_set_num_threads(threads);

    const dnnl_version_t *v = dnnl_version();
    const char *env = getenv("OMP_NUM_THREADS");
    printf("oneDNN %d.%d.%d (%s), CPU runtime %s, OMP_NUM_THREADS=%s, omp_get_max_threads()=%d\n",
           v->major, v->minor, v->patch, v->hash ? v->hash : "?", dnnl_runtime2str(v->cpu_runtime),
           env ? env : "(unset)", omp_get_max_threads());
    printf("cell %s, T=%d, N=%d, layers C=%d->H=%d, C=%d->H=%d, f32, src tnc\n", cell_name[kind], T,
           N, C1, H, H, H);

    CHECK(dnnl_engine_create(&engine, dnnl_cpu, 0));
    CHECK(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));

    dnnl_memory_desc_t iter_md;
    if (src_iter) { /* explicit zero h0 (and c0) memories instead of NULL */
        dnnl_dims_t d_iter = {1, 1, N, H};
        iter_md = md_tag(4, d_iter, dnnl_ldnc);
        g_iter_md = &iter_md;
    }
    printf("initial state: %s\n", src_iter ? "explicit zero src_iter memory (default)" : "NULL src_iter (--null-src-iter)");
    double s0 = now();
    layer_init(&L1, kind, T, N, C1, H, NULL, NULL);
    layer_init(&L2, kind, T, N, H, H, L1.dst, L1.diff_dst);
    double setup = now() - s0;
    layer_print(&L1, 1);
    layer_print(&L2, 2);

    /* values: PyTorch's default init range, inputs like z-scored temperatures,
       diff_dst of layer 2 non-zero only at the last step (out[:, -1, :]) */
    float a = 1.0f / sqrtf((float)H);
    layer_t *Ls[2] = {&L1, &L2};
    for (int l = 0; l < 2; l++) {
        layer_t *L = Ls[l];
        fill(L->wl_user, sizeof(float) * L->C * L->G * H, -a, a);
        fill(L->wi_user, sizeof(float) * H * L->G * H, -a, a);
        fill(L->bias, sizeof(float) * L->Gb * H, -2 * a, 2 * a); /* b_ih + b_hh */
    }
    fill(L1.src, sizeof(float) * T * N * C1, -2, 2);
    {
        float *g = ptr(L2.diff_dst);
        memset(g, 0, sizeof(float) * T * N * H);
        for (int i = 0; i < N * H; i++) g[(size_t)(T - 1) * N * H + i] = frand(-1, 1) / N;
    }

    /* the one-off reorders at setup (ldigo -> primitive formats) */
    double r0 = now();
    layer_weight_reorders(&L1);
    layer_weight_reorders(&L2);
    double setup_reorder = now() - r0;
    printf("setup: primitive creation %.3f s; one-off weight reorder %.3f ms; reorders per "
           "iteration needed: %d (layer 1) + %d (layer 2)\n",
           setup, 1e3 * setup_reorder, layer_count_reorders(&L1), layer_count_reorders(&L2));

    if (check) smoke();

    /* time */
    double ffl = layer_fwd_flops(&L1) + layer_fwd_flops(&L2);
    double bfl = 2 * ffl; /* dh per step + dW_hh, dW_ih + dx: the same products twice */
    timed_run(warmup, 1);
    times_t A = timed_run(iters, 0);
    times_t B = timed_run(iters, 1);
    printf("matrix-product work per iteration: fwd %.4f GFLOP, bwd %.4f GFLOP, total %.4f GFLOP; "
           "%d iterations = %.2f GFLOP\n", ffl / 1e9, bfl / 1e9, 3 * ffl / 1e9, iters,
           3 * ffl * iters / 1e9);
    printf("RESULT %s N=%d T=%d iters=%d\n", argv[1], N, T, iters);
    printf("  without per-iteration reorders: %.3f s wall (cpu %.3f s) = %.3f ms/iter; fwd %.3f s "
           "(%.1f GFLOP/s), bwd %.3f s (%.1f GFLOP/s), overall %.1f GFLOP/s\n",
           A.wall, A.cpu, 1e3 * A.wall / iters, A.fwd, ffl * iters / A.fwd / 1e9, A.bwd,
           bfl * iters / A.bwd / 1e9, 3 * ffl * iters / A.wall / 1e9);
    printf("  with    per-iteration reorders: %.3f s wall (cpu %.3f s) = %.3f ms/iter; fwd %.3f s, "
           "bwd %.3f s, reorders %.3f s (%.3f ms/iter)\n",
           B.wall, B.cpu, 1e3 * B.wall / iters, B.fwd, B.bwd, B.reorder, 1e3 * B.reorder / iters);
    return 0;
}
