#include "seek_onednn.h"

#if __has_include(<oneapi/dnnl/dnnl.h>)
#include <oneapi/dnnl/dnnl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <dlfcn.h>

// oneDNN on Debian threads with OpenMP (libgomp, loaded with libdnnl). Its thread count is an
// OpenMP ICV, which is per thread: each lane sets 1 for itself. Looked up at run time so that
// Seek does not link an OpenMP runtime of its own (and works with a oneDNN built without one).
static void run_single_threaded(void) {
    void (*set_threads)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_num_threads");
    if (set_threads) set_threads(1);
}

static dnnl_engine_t engine;
static int engine_ok;
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;

static void engine_start(void) {
    engine_ok = dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success;
}

int seek_onednn_available(void) {
    pthread_once(&engine_once, engine_start);
    return engine_ok;
}

unsigned seek_onednn_isa(void) {
    if (!seek_onednn_available()) return 0;
    return (unsigned)dnnl_get_effective_cpu_isa();
}

static char version_text[64];
static pthread_once_t version_once = PTHREAD_ONCE_INIT;

static void version_fill(void) {
    const dnnl_version_t *version = dnnl_version();
    const char *hash = version->hash;
    if (hash && strlen(hash) >= 7 && strcmp(hash, "N/A") != 0)
        snprintf(version_text, sizeof version_text, "%d.%d.%d (%.8s)", version->major, version->minor, version->patch, hash);
    else
        snprintf(version_text, sizeof version_text, "%d.%d.%d", version->major, version->minor, version->patch);
}

const char *seek_onednn_version(void) {
    pthread_once(&version_once, version_fill);
    return version_text;
}

// One cached primitive: the product it computes is fully described by its key.
typedef struct {
    int64_t key[10];
    dnnl_primitive_t primitive;
    dnnl_memory_desc_t a_md, b_md, c_md;
    unsigned long long last_use;
} cached_product;

enum { CACHE_SIZE = 48 };

// Per-thread state: a stream and a small LRU cache of primitives (batches differ in token count,
// so the same layer shape recurs with many row counts; 48 entries hold a run's working set).
typedef struct {
    dnnl_stream_t stream;
    cached_product entries[CACHE_SIZE];
    int count;
    unsigned long long clock;
} thread_state;

static pthread_key_t state_key;
static pthread_once_t state_once = PTHREAD_ONCE_INIT;

static void state_free(void *pointer) {
    thread_state *state = pointer;
    for (int i = 0; i < state->count; i++) dnnl_primitive_destroy(state->entries[i].primitive);
    if (state->stream) dnnl_stream_destroy(state->stream);
    free(state);
}

static void state_key_create(void) { pthread_key_create(&state_key, state_free); }

static thread_state *current_state(void) {
    pthread_once(&state_once, state_key_create);
    thread_state *state = pthread_getspecific(state_key);
    if (state) return state;
    state = calloc(1, sizeof(thread_state));
    if (!state) return NULL;
    if (dnnl_stream_create(&state->stream, engine, dnnl_stream_default_flags) != dnnl_success) {
        free(state);
        return NULL;
    }
    run_single_threaded();
    pthread_setspecific(state_key, state);
    return state;
}

static dnnl_data_type_t input_type(seek_onednn_type type) {
    switch (type) {
    case SEEK_ONEDNN_BF16: return dnnl_bf16;
    case SEEK_ONEDNN_S8: return dnnl_s8;
    default: return dnnl_f32;
    }
}

static cached_product *product_for(thread_state *state, const int64_t key[10], int *status) {
    for (int i = 0; i < state->count; i++) {
        if (memcmp(state->entries[i].key, key, sizeof(int64_t) * 10) == 0) {
            state->entries[i].last_use = ++state->clock;
            return &state->entries[i];
        }
    }
    seek_onednn_type type = (seek_onednn_type)key[0];
    int transpose_b = (int)key[1];
    int64_t m = key[2], n = key[3], k = key[4], lda = key[5], ldb = key[6], ldc = key[7];
    int accumulate = (int)key[8];
    float alpha;
    memcpy(&alpha, &key[9], sizeof(float));

    cached_product fresh;
    memset(&fresh, 0, sizeof fresh);
    memcpy(fresh.key, key, sizeof(int64_t) * 10);
    dnnl_dims_t a_dims = {m, k}, b_dims = {k, n}, c_dims = {m, n};
    dnnl_dims_t a_strides = {lda, 1}, c_strides = {ldc, 1};
    // B as oneDNN sees it, [k × n]: stored [n × k] (ldb per row of n) or [k × n] (ldb per row of k).
    dnnl_dims_t b_strides = {1, ldb};
    if (!transpose_b) { b_strides[0] = ldb; b_strides[1] = 1; }
    dnnl_data_type_t in = input_type(type);
    dnnl_data_type_t out = type == SEEK_ONEDNN_S8 ? dnnl_s32 : dnnl_f32;
    dnnl_status_t s;
    if ((s = dnnl_memory_desc_init_by_strides(&fresh.a_md, 2, a_dims, in, a_strides)) != dnnl_success) goto fail;
    if ((s = dnnl_memory_desc_init_by_strides(&fresh.b_md, 2, b_dims, in, b_strides)) != dnnl_success) goto fail;
    if ((s = dnnl_memory_desc_init_by_strides(&fresh.c_md, 2, c_dims, out, c_strides)) != dnnl_success) goto fail;
    dnnl_matmul_desc_t desc;
    if ((s = dnnl_matmul_desc_init(&desc, &fresh.a_md, &fresh.b_md, NULL, &fresh.c_md)) != dnnl_success) goto fail;
    dnnl_primitive_attr_t attr;
    if ((s = dnnl_primitive_attr_create(&attr)) != dnnl_success) goto fail;
    if (alpha != 1.0f) s = dnnl_primitive_attr_set_output_scales(attr, 1, 0, &alpha);
    if (s == dnnl_success && accumulate) {
        dnnl_post_ops_t post_ops;
        s = dnnl_post_ops_create(&post_ops);
        if (s == dnnl_success) {
            s = dnnl_post_ops_append_sum(post_ops, 1.0f);
            if (s == dnnl_success) s = dnnl_primitive_attr_set_post_ops(attr, post_ops);
            dnnl_post_ops_destroy(post_ops);
        }
    }
    dnnl_primitive_desc_t primitive_desc = NULL;
    if (s == dnnl_success) s = dnnl_primitive_desc_create(&primitive_desc, &desc, attr, engine, NULL);
    dnnl_primitive_attr_destroy(attr);
    if (s != dnnl_success) goto fail;
    s = dnnl_primitive_create(&fresh.primitive, primitive_desc);
    dnnl_primitive_desc_destroy(primitive_desc);
    if (s != dnnl_success) goto fail;

    fresh.last_use = ++state->clock;
    int slot = state->count;
    if (state->count == CACHE_SIZE) {
        slot = 0;
        for (int i = 1; i < CACHE_SIZE; i++) if (state->entries[i].last_use < state->entries[slot].last_use) slot = i;
        dnnl_primitive_destroy(state->entries[slot].primitive);
    } else {
        state->count++;
    }
    state->entries[slot] = fresh;
    return &state->entries[slot];
fail:
    *status = (int)s;
    return NULL;
}

int seek_onednn_matmul(seek_onednn_type type, int transpose_b, int64_t m, int64_t n, int64_t k, float alpha,
                       const void *a, int64_t lda, const void *b, int64_t ldb, void *c, int64_t ldc, int accumulate) {
    if (!seek_onednn_available()) return -1;
    if (type == SEEK_ONEDNN_S8 && alpha != 1.0f) return (int)dnnl_invalid_arguments;
    thread_state *state = current_state();
    if (!state) return (int)dnnl_out_of_memory;
    int64_t key[10] = {type, transpose_b != 0, m, n, k, lda, ldb, ldc, accumulate != 0, 0};
    memcpy(&key[9], &alpha, sizeof(float));
    int status = 0;
    cached_product *product = product_for(state, key, &status);
    if (!product) return status ? status : -1;
    dnnl_memory_t a_mem = NULL, b_mem = NULL, c_mem = NULL;
    dnnl_status_t s = dnnl_memory_create(&a_mem, &product->a_md, engine, (void *)a);
    if (s == dnnl_success) s = dnnl_memory_create(&b_mem, &product->b_md, engine, (void *)b);
    if (s == dnnl_success) s = dnnl_memory_create(&c_mem, &product->c_md, engine, c);
    if (s == dnnl_success) {
        dnnl_exec_arg_t args[3] = {{DNNL_ARG_SRC, a_mem}, {DNNL_ARG_WEIGHTS, b_mem}, {DNNL_ARG_DST, c_mem}};
        s = dnnl_primitive_execute(product->primitive, state->stream, 3, args);
        if (s == dnnl_success) s = dnnl_stream_wait(state->stream);
    }
    if (a_mem) dnnl_memory_destroy(a_mem);
    if (b_mem) dnnl_memory_destroy(b_mem);
    if (c_mem) dnnl_memory_destroy(c_mem);
    return (int)s;
}

#else

int seek_onednn_available(void) { return 0; }
unsigned seek_onednn_isa(void) { return 0; }
const char *seek_onednn_version(void) { return ""; }
int seek_onednn_matmul(seek_onednn_type type, int transpose_b, int64_t m, int64_t n, int64_t k, float alpha,
                       const void *a, int64_t lda, const void *b, int64_t ldb, void *c, int64_t ldc, int accumulate) {
    (void)type; (void)transpose_b; (void)m; (void)n; (void)k; (void)alpha; (void)a; (void)lda; (void)b; (void)ldb;
    (void)c; (void)ldc; (void)accumulate;
    return -1;
}

#endif
