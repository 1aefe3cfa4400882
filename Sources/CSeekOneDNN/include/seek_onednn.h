#ifndef SEEK_ONEDNN_H
#define SEEK_ONEDNN_H
// Seek's glue to oneDNN's matmul primitive (written in C because oneDNN's C API is a web of
// out-parameters and descriptors that Swift would wrap line by line). Every function is safe to
// call from any thread: each thread keeps its own stream and its own cache of primitives, and
// runs oneDNN single-threaded (Seek parallelises across encoder lanes, one thread each).
// Without oneDNN (macOS, or built without libdnnl) `seek_onednn_available` returns 0 and
// `seek_onednn_matmul` returns -1.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Element types of a product: A and B share one; C is f32 (f32, bf16) or s32 (s8).
typedef enum {
    SEEK_ONEDNN_F32 = 0,
    SEEK_ONEDNN_BF16 = 1,
    SEEK_ONEDNN_S8 = 2,
} seek_onednn_type;

/// 1 when oneDNN is linked and its CPU engine starts.
int seek_onednn_available(void);

/// oneDNN's effective ISA (`dnnl_cpu_isa_t` bits: 0x40 VNNI, 0x80 BF16, 0x200 AMX, 0x400 AVX2-VNNI); 0 without oneDNN.
unsigned seek_onednn_isa(void);

/// "major.minor.patch (commit)", or "" without oneDNN.
const char *seek_onednn_version(void);

/// Row-major C[m×n] = alpha·A[m×k]·op(B) (+ C when accumulate), op(B) = Bᵀ for B stored [n×k]
/// (transpose_b = 1) or B for B stored [k×n] (transpose_b = 0). lda/ldb/ldc are row strides in
/// elements. For S8, C is int32 and alpha must be 1. Returns 0, or oneDNN's error status.
int seek_onednn_matmul(seek_onednn_type type, int transpose_b, int64_t m, int64_t n, int64_t k, float alpha,
                       const void *a, int64_t lda, const void *b, int64_t ldb, void *c, int64_t ldc, int accumulate);

#ifdef __cplusplus
}
#endif
#endif
