// Hot elementwise kernels of the encoder and the vector scan, in C so that they can use AVX2/FMA
// when the CPU has them (chosen at run time: the binary still runs on any x86-64 or arm64 CPU).
// Swift code never calls these directly: SeekKernels wraps them behind bounds-checked APIs.
#ifndef SEEK_KERNELS_H
#define SEEK_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the AVX2+FMA code paths are in use, 0 for the portable ones.
int seek_kernels_uses_avx2(void);

/// 1 when the CPU has AVX-512 F, BW, VL and DQ (the AVX-512 attention and conversion paths).
int seek_cpu_has_avx512(void);

/// x[i] = gelu(x[i] + bias[i % columns]) with the exact erf form 0.5·v·(1 + erf(v/√2)),
/// over `rows` rows of `columns` floats, rows `stride` floats apart. bias may be NULL.
void seek_bias_gelu_rows(float *x, size_t rows, size_t columns, size_t stride, const float *bias);

/// x[i] += bias[i % columns] over `rows` rows of `columns` floats, rows `stride` floats apart.
void seek_bias_add_rows(float *x, size_t rows, size_t columns, size_t stride, const float *bias);

/// Row-wise softmax in place: each row of `columns` floats, rows `stride` floats apart.
void seek_softmax_rows(float *x, size_t rows, size_t columns, size_t stride);

/// Row-wise LayerNorm in place of (x + bias): y = (v - mean)/sqrt(var + epsilon)·gamma + beta,
/// v = x + bias (bias may be NULL). Rows of `columns` floats, `stride` floats apart.
void seek_layer_norm_rows(float *x, size_t rows, size_t columns, size_t stride,
                          const float *bias, const float *gamma, const float *beta, float epsilon);

/// Floats of workspace `seek_attention` needs for a sequence of `length` tokens and heads of `head_size`.
size_t seek_attention_workspace_floats(size_t length, size_t head_size);

/// Scaled dot-product self-attention of one sequence, all heads, no mask:
/// context_h = softmax(scale · Q_h K_hᵀ) V_h for each head h.
/// qkv: `length` rows laid out [Q (heads·head_size) | K (heads·head_size) | V (heads·head_size)],
/// rows `qkv_stride` floats apart. context: `length` rows of heads·head_size floats, `context_stride` apart.
/// workspace: at least seek_attention_workspace_floats(length, head_size) floats.
void seek_attention(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t head_size,
                    float scale, float *context, size_t context_stride, float *workspace);

/// 1 when `seek_attention_bf16` runs bf16 products here (AVX-512 BF16, head_size a multiple of 32).
int seek_attention_runs_bf16(size_t head_size);

/// `seek_attention` with Q, K, V and the softmax probabilities rounded to bf16 and the products
/// accumulated in fp32 (scores, scaling and softmax in fp32), where the CPU has AVX-512 BF16;
/// elsewhere exactly `seek_attention`. Same workspace.
void seek_attention_bf16(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t head_size,
                         float scale, float *context, size_t context_stride, float *workspace);

/// Elementwise exp over n floats (for tests of the vectorised exp).
void seek_exp(const float *x, float *y, size_t n);

/// Elementwise erf over n floats (for tests of the vectorised erf).
void seek_erf(const float *x, float *y, size_t n);

#ifdef __cplusplus
}
#endif

#endif
