// See seek_kernels.h. Scalar reference paths first, then AVX2+FMA paths selected once at run time.
#include "seek_kernels.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SEEK_X86 1
#include <immintrin.h>
#endif

// Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7 over the real line, below float32 resolution of 1 + erf.
#define ERF_P 0.3275911f
#define ERF_A1 0.254829592f
#define ERF_A2 -0.284496736f
#define ERF_A3 1.421413741f
#define ERF_A4 -1.453152027f
#define ERF_A5 1.061405429f

static float erf_scalar(float x) {
    float a = fabsf(x);
    float t = 1.0f / (1.0f + ERF_P * a);
    float poly = ((((ERF_A5 * t + ERF_A4) * t + ERF_A3) * t + ERF_A2) * t + ERF_A1) * t;
    float y = 1.0f - poly * expf(-a * a);
    return x < 0 ? -y : y;
}

static void bias_gelu_scalar(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        for (size_t c = 0; c < columns; c++) {
            float v = row[c] + (bias ? bias[c] : 0.0f);
            row[c] = 0.5f * v * (1.0f + erf_scalar(v * 0.70710678118654752f));
        }
    }
}

static void softmax_scalar(float *x, size_t rows, size_t columns, size_t stride) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        float m = -INFINITY;
        for (size_t c = 0; c < columns; c++) m = row[c] > m ? row[c] : m;
        float sum = 0;
        for (size_t c = 0; c < columns; c++) { row[c] = expf(row[c] - m); sum += row[c]; }
        float inv = 1.0f / sum;
        for (size_t c = 0; c < columns; c++) row[c] *= inv;
    }
}

static void layer_norm_scalar(float *x, size_t rows, size_t columns, size_t stride, const float *bias,
                              const float *gamma, const float *beta, float epsilon) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        float sum = 0;
        for (size_t c = 0; c < columns; c++) {
            if (bias) row[c] += bias[c];
            sum += row[c];
        }
        float mean = sum / (float)columns;
        float var = 0;
        for (size_t c = 0; c < columns; c++) { float d = row[c] - mean; var += d * d; }
        float inv = 1.0f / sqrtf(var / (float)columns + epsilon);
        for (size_t c = 0; c < columns; c++) row[c] = (row[c] - mean) * inv * gamma[c] + beta[c];
    }
}

static void bias_add_scalar(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < columns; c++) x[r * stride + c] += bias[c];
}

// Attention, portable path: one query row at a time, scores in workspace.
static void attention_scalar(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t d,
                             float scale, float *context, size_t context_stride, float *workspace) {
    size_t width = heads * d;
    for (size_t h = 0; h < heads; h++) {
        const float *q = qkv + h * d, *k = qkv + width + h * d, *v = qkv + 2 * width + h * d;
        for (size_t i = 0; i < length; i++) {
            float *scores = workspace;
            for (size_t j = 0; j < length; j++) {
                float dot = 0;
                for (size_t c = 0; c < d; c++) dot += q[i * qkv_stride + c] * k[j * qkv_stride + c];
                scores[j] = dot * scale;
            }
            softmax_scalar(scores, 1, length, length);
            float *out = context + i * context_stride + h * d;
            for (size_t c = 0; c < d; c++) out[c] = 0;
            for (size_t j = 0; j < length; j++)
                for (size_t c = 0; c < d; c++) out[c] += scores[j] * v[j * qkv_stride + c];
        }
    }
}

#ifdef SEEK_X86
#define AVX2 __attribute__((target("avx2,fma")))

// exp on 8 lanes: range reduction by ln 2 (hi/lo split), degree-7 Taylor polynomial (relative error
// < 1e-8 on [-ln2/2, ln2/2]), scale by 2^n built in the exponent bits. Inputs clamped to the float range.
AVX2 static inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.33654f)), _mm256_set1_ps(88.72283f));
    __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                               _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.0f / 5040.0f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 720.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

AVX2 static inline __m256 erf8(__m256 x) {
    const __m256 sign_mask = _mm256_set1_ps(-0.0f);
    __m256 sign = _mm256_and_ps(x, sign_mask);
    __m256 a = _mm256_andnot_ps(sign_mask, x);
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(_mm256_set1_ps(ERF_P), a, _mm256_set1_ps(1.0f)));
    __m256 poly = _mm256_set1_ps(ERF_A5);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(ERF_A4));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(ERF_A3));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(ERF_A2));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(ERF_A1));
    poly = _mm256_mul_ps(poly, t);
    __m256 e = exp8(_mm256_mul_ps(_mm256_xor_ps(a, sign_mask), a));
    __m256 y = _mm256_fnmadd_ps(poly, e, _mm256_set1_ps(1.0f));
    return _mm256_or_ps(y, sign);
}

AVX2 static inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AVX2 static inline float hmax8(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AVX2 static void bias_gelu_avx2(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    const __m256 rsqrt2 = _mm256_set1_ps(0.70710678118654752f);
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        size_t c = 0;
        for (; c + 8 <= columns; c += 8) {
            __m256 v = _mm256_loadu_ps(row + c);
            if (bias) v = _mm256_add_ps(v, _mm256_loadu_ps(bias + c));
            __m256 g = _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_add_ps(one, erf8(_mm256_mul_ps(v, rsqrt2))));
            _mm256_storeu_ps(row + c, g);
        }
        if (c < columns) bias_gelu_scalar(row + c, 1, columns - c, stride, bias ? bias + c : NULL);
    }
}

AVX2 static void softmax_avx2(float *x, size_t rows, size_t columns, size_t stride) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        size_t c = 0;
        __m256 vm = _mm256_set1_ps(-INFINITY);
        for (; c + 8 <= columns; c += 8) vm = _mm256_max_ps(vm, _mm256_loadu_ps(row + c));
        float m = hmax8(vm);
        for (; c < columns; c++) m = row[c] > m ? row[c] : m;
        __m256 mm = _mm256_set1_ps(m), vs = _mm256_setzero_ps();
        for (c = 0; c + 8 <= columns; c += 8) {
            __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row + c), mm));
            _mm256_storeu_ps(row + c, e);
            vs = _mm256_add_ps(vs, e);
        }
        float sum = hsum8(vs);
        for (; c < columns; c++) { row[c] = expf(row[c] - m); sum += row[c]; }
        __m256 inv = _mm256_set1_ps(1.0f / sum);
        for (c = 0; c + 8 <= columns; c += 8) _mm256_storeu_ps(row + c, _mm256_mul_ps(_mm256_loadu_ps(row + c), inv));
        for (; c < columns; c++) row[c] *= 1.0f / sum;
    }
}

AVX2 static void layer_norm_avx2(float *x, size_t rows, size_t columns, size_t stride, const float *bias,
                                 const float *gamma, const float *beta, float epsilon) {
    if (columns % 8 != 0) { layer_norm_scalar(x, rows, columns, stride, bias, gamma, beta, epsilon); return; }
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        __m256 vs = _mm256_setzero_ps();
        for (size_t c = 0; c < columns; c += 8) {
            __m256 v = _mm256_loadu_ps(row + c);
            if (bias) { v = _mm256_add_ps(v, _mm256_loadu_ps(bias + c)); _mm256_storeu_ps(row + c, v); }
            vs = _mm256_add_ps(vs, v);
        }
        __m256 mean = _mm256_set1_ps(hsum8(vs) / (float)columns);
        __m256 vv = _mm256_setzero_ps();
        for (size_t c = 0; c < columns; c += 8) {
            __m256 d = _mm256_sub_ps(_mm256_loadu_ps(row + c), mean);
            vv = _mm256_fmadd_ps(d, d, vv);
        }
        __m256 inv = _mm256_set1_ps(1.0f / sqrtf(hsum8(vv) / (float)columns + epsilon));
        for (size_t c = 0; c < columns; c += 8) {
            __m256 d = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(row + c), mean), inv);
            _mm256_storeu_ps(row + c, _mm256_fmadd_ps(d, _mm256_loadu_ps(gamma + c), _mm256_loadu_ps(beta + c)));
        }
    }
}

AVX2 static void bias_add_avx2(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        size_t c = 0;
        for (; c + 8 <= columns; c += 8)
            _mm256_storeu_ps(row + c, _mm256_add_ps(_mm256_loadu_ps(row + c), _mm256_loadu_ps(bias + c)));
        for (; c < columns; c++) row[c] += bias[c];
    }
}

AVX2 static void exp_avx2(const float *x, float *y, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, exp8(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = expf(x[i]);
}

AVX2 static void erf_avx2(const float *x, float *y, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, erf8(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = erf_scalar(x[i]);
}

// Attention, AVX2 path for head sizes that are multiples of 32. Per head: K is transposed into
// kt [d × padded length] and V copied to vc [length × d]; query rows go 4 at a time: scores [4 × L] from a 4×16 register block
// (8 accumulators, FMA-bound), softmax in place, then context rows 2 at a time against V
// (2 rows × 32 columns = 8 accumulators). The L × L score matrix never exists.
static size_t padded_length(size_t length) { return (length + 15) & ~(size_t)15; }

// One head's K transposed into kt [d × lp] (zero-padded to lp keys) and V made contiguous in
// vc [length × d]: rows of qkv lie 3·width floats apart, which would map a head's K and V rows
// onto a few L1 sets and evict them at every pass. Shared by the AVX2 and AVX-512 paths.
static void stage_head(const float *qkv, size_t qkv_stride, size_t length, size_t width, size_t h, size_t d, size_t lp,
                       float *kt, float *vc) {
    const float *k = qkv + width + h * d, *vs = qkv + 2 * width + h * d;
    for (size_t j = 0; j < length; j++) {
        for (size_t c = 0; c < d; c++) kt[c * lp + j] = k[j * qkv_stride + c];
        memcpy(vc + j * d, vs + j * qkv_stride, d * sizeof(float));
    }
    for (size_t c = 0; c < d; c++)
        for (size_t j = length; j < lp; j++) kt[c * lp + j] = 0;
}

AVX2 static void attention_avx2(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t d,
                                float scale, float *context, size_t context_stride, float *workspace) {
    const size_t width = heads * d, lp = padded_length(length);
    float *kt = workspace, *vc = workspace + d * lp, *s = workspace + 2 * d * lp;
    const __m256 vscale = _mm256_set1_ps(scale);
    for (size_t h = 0; h < heads; h++) {
        const float *q = qkv + h * d;
        stage_head(qkv, qkv_stride, length, width, h, d, lp, kt, vc);
        const float *v = vc;
        for (size_t i0 = 0; i0 < length; i0 += 4) {
            const size_t rows = length - i0 < 4 ? length - i0 : 4;
            const float *q0 = q + i0 * qkv_stride;
            const float *q1 = q + (i0 + (rows > 1 ? 1 : 0)) * qkv_stride;
            const float *q2 = q + (i0 + (rows > 2 ? 2 : 0)) * qkv_stride;
            const float *q3 = q + (i0 + (rows > 3 ? 3 : 0)) * qkv_stride;
            for (size_t j = 0; j < lp; j += 16) {
                __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps(), a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
                __m256 a20 = _mm256_setzero_ps(), a21 = _mm256_setzero_ps(), a30 = _mm256_setzero_ps(), a31 = _mm256_setzero_ps();
                for (size_t c = 0; c < d; c++) {
                    __m256 k0 = _mm256_loadu_ps(kt + c * lp + j), k1 = _mm256_loadu_ps(kt + c * lp + j + 8);
                    __m256 b = _mm256_broadcast_ss(q0 + c);
                    a00 = _mm256_fmadd_ps(b, k0, a00); a01 = _mm256_fmadd_ps(b, k1, a01);
                    b = _mm256_broadcast_ss(q1 + c);
                    a10 = _mm256_fmadd_ps(b, k0, a10); a11 = _mm256_fmadd_ps(b, k1, a11);
                    b = _mm256_broadcast_ss(q2 + c);
                    a20 = _mm256_fmadd_ps(b, k0, a20); a21 = _mm256_fmadd_ps(b, k1, a21);
                    b = _mm256_broadcast_ss(q3 + c);
                    a30 = _mm256_fmadd_ps(b, k0, a30); a31 = _mm256_fmadd_ps(b, k1, a31);
                }
                _mm256_storeu_ps(s + 0 * lp + j, _mm256_mul_ps(a00, vscale)); _mm256_storeu_ps(s + 0 * lp + j + 8, _mm256_mul_ps(a01, vscale));
                _mm256_storeu_ps(s + 1 * lp + j, _mm256_mul_ps(a10, vscale)); _mm256_storeu_ps(s + 1 * lp + j + 8, _mm256_mul_ps(a11, vscale));
                _mm256_storeu_ps(s + 2 * lp + j, _mm256_mul_ps(a20, vscale)); _mm256_storeu_ps(s + 2 * lp + j + 8, _mm256_mul_ps(a21, vscale));
                _mm256_storeu_ps(s + 3 * lp + j, _mm256_mul_ps(a30, vscale)); _mm256_storeu_ps(s + 3 * lp + j + 8, _mm256_mul_ps(a31, vscale));
            }
            softmax_avx2(s, rows, length, lp);
            for (size_t r = 0; r < rows; r += 2) {
                const int pair = r + 1 < rows;
                const float *p0 = s + r * lp, *p1 = s + (pair ? r + 1 : r) * lp;
                for (size_t c0 = 0; c0 < d; c0 += 32) {
                    __m256 o00 = _mm256_setzero_ps(), o01 = _mm256_setzero_ps(), o02 = _mm256_setzero_ps(), o03 = _mm256_setzero_ps();
                    __m256 o10 = _mm256_setzero_ps(), o11 = _mm256_setzero_ps(), o12 = _mm256_setzero_ps(), o13 = _mm256_setzero_ps();
                    for (size_t j = 0; j < length; j++) {
                        const float *vr = v + j * d + c0;
                        __m256 v0 = _mm256_loadu_ps(vr), v1 = _mm256_loadu_ps(vr + 8), v2 = _mm256_loadu_ps(vr + 16), v3 = _mm256_loadu_ps(vr + 24);
                        __m256 b0 = _mm256_broadcast_ss(p0 + j), b1 = _mm256_broadcast_ss(p1 + j);
                        o00 = _mm256_fmadd_ps(b0, v0, o00); o01 = _mm256_fmadd_ps(b0, v1, o01);
                        o02 = _mm256_fmadd_ps(b0, v2, o02); o03 = _mm256_fmadd_ps(b0, v3, o03);
                        o10 = _mm256_fmadd_ps(b1, v0, o10); o11 = _mm256_fmadd_ps(b1, v1, o11);
                        o12 = _mm256_fmadd_ps(b1, v2, o12); o13 = _mm256_fmadd_ps(b1, v3, o13);
                    }
                    float *out0 = context + (i0 + r) * context_stride + h * d + c0;
                    _mm256_storeu_ps(out0, o00); _mm256_storeu_ps(out0 + 8, o01); _mm256_storeu_ps(out0 + 16, o02); _mm256_storeu_ps(out0 + 24, o03);
                    if (pair) {
                        float *out1 = out0 + context_stride;
                        _mm256_storeu_ps(out1, o10); _mm256_storeu_ps(out1 + 8, o11); _mm256_storeu_ps(out1 + 16, o12); _mm256_storeu_ps(out1 + 24, o13);
                    }
                }
            }
        }
    }
}

// Attention, AVX-512 path (head sizes that are multiples of 32): the AVX2 path's layout with
// 16-wide vectors: scores 8 query rows × 16 keys at a time (8 accumulators), context 4 rows ×
// 32 columns (8 accumulators). Same summation order per element as the AVX2 path's lanes.
#define AVX512F __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx2,fma")))

// exp on 16 lanes: the AVX2 exp8's range reduction and polynomial, 2^n applied by vscalefps.
AVX512F static inline __m512 exp16(__m512 x) {
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(-87.33654f)), _mm512_set1_ps(88.72283f));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(p, n);
}

// Row softmax over `columns` values, 16 lanes at a time; the tail through a mask (no scalar loop).
AVX512F static void softmax_avx512(float *x, size_t rows, size_t columns, size_t stride) {
    const size_t full = columns & ~(size_t)15;
    const __mmask16 tail = (__mmask16)((1u << (columns - full)) - 1u);
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        __m512 vm = _mm512_set1_ps(-INFINITY);
        for (size_t c = 0; c < full; c += 16) vm = _mm512_max_ps(vm, _mm512_loadu_ps(row + c));
        if (tail) vm = _mm512_mask_max_ps(vm, tail, vm, _mm512_maskz_loadu_ps(tail, row + full));
        const __m512 mm = _mm512_set1_ps(_mm512_reduce_max_ps(vm));
        __m512 vs = _mm512_setzero_ps();
        for (size_t c = 0; c < full; c += 16) {
            __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(row + c), mm));
            _mm512_storeu_ps(row + c, e);
            vs = _mm512_add_ps(vs, e);
        }
        if (tail) {
            __m512 e = exp16(_mm512_sub_ps(_mm512_maskz_loadu_ps(tail, row + full), mm));
            _mm512_mask_storeu_ps(row + full, tail, e);
            vs = _mm512_mask_add_ps(vs, tail, vs, e);
        }
        const __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(vs));
        for (size_t c = 0; c < full; c += 16) _mm512_storeu_ps(row + c, _mm512_mul_ps(_mm512_loadu_ps(row + c), inv));
        if (tail) _mm512_mask_storeu_ps(row + full, tail, _mm512_mul_ps(_mm512_maskz_loadu_ps(tail, row + full), inv));
    }
}

// The first two passes of softmax_avx512: x[c] = exp(x[c] − max) for c < columns and 0 for
// columns ≤ c < padded (the padding), and inverse_sums[r] = 1 / Σ exp. The caller scales
// whatever it computes from the row by inverse_sums[r] (the bf16 attention scales its outputs).
AVX512F static void softmax_unnormalized_avx512(float *x, size_t rows, size_t columns, size_t padded, size_t stride,
                                                float *inverse_sums) {
    const size_t full = columns & ~(size_t)15;
    const __mmask16 tail = (__mmask16)((1u << (columns - full)) - 1u);
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        __m512 vm = _mm512_set1_ps(-INFINITY);
        for (size_t c = 0; c < full; c += 16) vm = _mm512_max_ps(vm, _mm512_loadu_ps(row + c));
        if (tail) vm = _mm512_mask_max_ps(vm, tail, vm, _mm512_maskz_loadu_ps(tail, row + full));
        const __m512 mm = _mm512_set1_ps(_mm512_reduce_max_ps(vm));
        __m512 vs = _mm512_setzero_ps();
        for (size_t c = 0; c < full; c += 16) {
            __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(row + c), mm));
            _mm512_storeu_ps(row + c, e);
            vs = _mm512_add_ps(vs, e);
        }
        if (full < padded) {
            // The last block: the tail's exps, zeros after it (padded is a multiple of 16).
            __m512 e = _mm512_maskz_mov_ps(tail, exp16(_mm512_sub_ps(_mm512_maskz_loadu_ps(tail, row + full), mm)));
            _mm512_storeu_ps(row + full, e);
            vs = _mm512_add_ps(vs, e);
        }
        inverse_sums[r] = 1.0f / _mm512_reduce_add_ps(vs);
    }
}

// GELU on 16 lanes: the AVX2 path's erf (Abramowitz–Stegun 7.1.26, same constants) with exp16;
// the division by a reciprocal-free vdivps, as there.
AVX512F static inline __m512 erf16(__m512 x) {
    const __m512 sign_mask = _mm512_set1_ps(-0.0f);
    __m512 sign = _mm512_and_ps(x, sign_mask);
    __m512 a = _mm512_andnot_ps(sign_mask, x);
    __m512 t = _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(_mm512_set1_ps(ERF_P), a, _mm512_set1_ps(1.0f)));
    __m512 poly = _mm512_set1_ps(ERF_A5);
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(ERF_A4));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(ERF_A3));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(ERF_A2));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(ERF_A1));
    poly = _mm512_mul_ps(poly, t);
    __m512 e = exp16(_mm512_mul_ps(_mm512_xor_ps(a, sign_mask), a));
    __m512 y = _mm512_fnmadd_ps(poly, e, _mm512_set1_ps(1.0f));
    return _mm512_or_ps(y, sign);
}

AVX512F static void bias_gelu_avx512(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
    const __m512 half = _mm512_set1_ps(0.5f), one = _mm512_set1_ps(1.0f);
    const __m512 rsqrt2 = _mm512_set1_ps(0.70710678118654752f);
    const size_t full = columns & ~(size_t)15;
    const __mmask16 tail = (__mmask16)((1u << (columns - full)) - 1u);
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * stride;
        for (size_t c = 0; c < full; c += 16) {
            __m512 v = _mm512_loadu_ps(row + c);
            if (bias) v = _mm512_add_ps(v, _mm512_loadu_ps(bias + c));
            _mm512_storeu_ps(row + c, _mm512_mul_ps(_mm512_mul_ps(half, v), _mm512_add_ps(one, erf16(_mm512_mul_ps(v, rsqrt2)))));
        }
        if (tail) {
            __m512 v = _mm512_maskz_loadu_ps(tail, row + full);
            if (bias) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(tail, bias + full));
            _mm512_mask_storeu_ps(row + full, tail, _mm512_mul_ps(_mm512_mul_ps(half, v), _mm512_add_ps(one, erf16(_mm512_mul_ps(v, rsqrt2)))));
        }
    }
}

AVX512F static void attention_avx512(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t d,
                                     float scale, float *context, size_t context_stride, float *workspace) {
    const size_t width = heads * d, lp = padded_length(length);
    float *kt = workspace, *vc = workspace + d * lp, *s = workspace + 2 * d * lp;
    const __m512 vscale = _mm512_set1_ps(scale);
    for (size_t h = 0; h < heads; h++) {
        const float *q = qkv + h * d;
        stage_head(qkv, qkv_stride, length, width, h, d, lp, kt, vc);
        const float *v = vc;
        for (size_t i0 = 0; i0 < length; i0 += 8) {
            const size_t rows = length - i0 < 8 ? length - i0 : 8;
            const float *qr[8];
            for (size_t r = 0; r < 8; r++) qr[r] = q + (i0 + (r < rows ? r : 0)) * qkv_stride;
            for (size_t j = 0; j < lp; j += 16) {
                __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
                __m512 a4 = _mm512_setzero_ps(), a5 = _mm512_setzero_ps(), a6 = _mm512_setzero_ps(), a7 = _mm512_setzero_ps();
                for (size_t c = 0; c < d; c++) {
                    const __m512 kv = _mm512_loadu_ps(kt + c * lp + j);
                    a0 = _mm512_fmadd_ps(_mm512_set1_ps(qr[0][c]), kv, a0);
                    a1 = _mm512_fmadd_ps(_mm512_set1_ps(qr[1][c]), kv, a1);
                    a2 = _mm512_fmadd_ps(_mm512_set1_ps(qr[2][c]), kv, a2);
                    a3 = _mm512_fmadd_ps(_mm512_set1_ps(qr[3][c]), kv, a3);
                    a4 = _mm512_fmadd_ps(_mm512_set1_ps(qr[4][c]), kv, a4);
                    a5 = _mm512_fmadd_ps(_mm512_set1_ps(qr[5][c]), kv, a5);
                    a6 = _mm512_fmadd_ps(_mm512_set1_ps(qr[6][c]), kv, a6);
                    a7 = _mm512_fmadd_ps(_mm512_set1_ps(qr[7][c]), kv, a7);
                }
                _mm512_storeu_ps(s + 0 * lp + j, _mm512_mul_ps(a0, vscale));
                _mm512_storeu_ps(s + 1 * lp + j, _mm512_mul_ps(a1, vscale));
                _mm512_storeu_ps(s + 2 * lp + j, _mm512_mul_ps(a2, vscale));
                _mm512_storeu_ps(s + 3 * lp + j, _mm512_mul_ps(a3, vscale));
                _mm512_storeu_ps(s + 4 * lp + j, _mm512_mul_ps(a4, vscale));
                _mm512_storeu_ps(s + 5 * lp + j, _mm512_mul_ps(a5, vscale));
                _mm512_storeu_ps(s + 6 * lp + j, _mm512_mul_ps(a6, vscale));
                _mm512_storeu_ps(s + 7 * lp + j, _mm512_mul_ps(a7, vscale));
            }
            softmax_avx512(s, rows, length, lp);
            for (size_t r = 0; r < rows; r += 4) {
                const float *p[4];
                for (size_t t = 0; t < 4; t++) p[t] = s + (r + t < rows ? r + t : r) * lp;
                for (size_t c0 = 0; c0 < d; c0 += 32) {
                    __m512 o00 = _mm512_setzero_ps(), o01 = _mm512_setzero_ps(), o10 = _mm512_setzero_ps(), o11 = _mm512_setzero_ps();
                    __m512 o20 = _mm512_setzero_ps(), o21 = _mm512_setzero_ps(), o30 = _mm512_setzero_ps(), o31 = _mm512_setzero_ps();
                    for (size_t j = 0; j < length; j++) {
                        const float *vr = v + j * d + c0;
                        const __m512 v0 = _mm512_loadu_ps(vr), v1 = _mm512_loadu_ps(vr + 16);
                        __m512 b = _mm512_set1_ps(p[0][j]);
                        o00 = _mm512_fmadd_ps(b, v0, o00); o01 = _mm512_fmadd_ps(b, v1, o01);
                        b = _mm512_set1_ps(p[1][j]);
                        o10 = _mm512_fmadd_ps(b, v0, o10); o11 = _mm512_fmadd_ps(b, v1, o11);
                        b = _mm512_set1_ps(p[2][j]);
                        o20 = _mm512_fmadd_ps(b, v0, o20); o21 = _mm512_fmadd_ps(b, v1, o21);
                        b = _mm512_set1_ps(p[3][j]);
                        o30 = _mm512_fmadd_ps(b, v0, o30); o31 = _mm512_fmadd_ps(b, v1, o31);
                    }
                    __m512 out[4][2] = {{o00, o01}, {o10, o11}, {o20, o21}, {o30, o31}};
                    for (size_t t = 0; t < 4 && r + t < rows; t++) {
                        float *o = context + (i0 + r + t) * context_stride + h * d + c0;
                        _mm512_storeu_ps(o, out[t][0]);
                        _mm512_storeu_ps(o + 16, out[t][1]);
                    }
                }
            }
        }
    }
}

static int has_avx512(void) { return seek_cpu_has_avx512(); }

// Attention with bf16 products (AVX-512 BF16, head sizes that are multiples of 32): the AVX-512
// path's blocking, with Q, K, V and the softmax probabilities rounded to bf16 and every dot
// product accumulated in fp32 by vdpbf16ps (two products per lane per instruction). Scores,
// scaling and softmax stay fp32. Per head: K staged as key pairs kt2 [d/2 × lp × 2] (lane j holds
// key j's elements 2p, 2p+1), V as key pairs vt2 [lp/2 × d × 2], Q rows in bf16.
#define AVX512BF16 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq,avx512bf16,avx2,fma")))


AVX512BF16 static void attention_avx512_bf16(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t d,
                                             float scale, float *context, size_t context_stride, float *workspace) {
    const size_t width = heads * d, lp = padded_length(length);
    uint16_t *kt2 = (uint16_t *)workspace;                 // d · lp
    uint16_t *vt2 = kt2 + d * lp;                          // lp · d
    uint16_t *q16 = vt2 + d * lp;                          // length · d
    float *s = workspace + (2 * d * lp + length * d + 1) / 2 + 16;  // 8 · lp
    uint16_t *p16 = (uint16_t *)(s + 8 * lp);              // 8 · lp
    const __m512 vscale = _mm512_set1_ps(scale);
    for (size_t h = 0; h < heads; h++) {
        const float *q = qkv + h * d, *k = qkv + width + h * d, *v = qkv + 2 * width + h * d;
        // Staging in bf16, 32 values per conversion (vcvtne2ps2bf16 rounds to nearest even):
        // Q rows as they are; K rows, whose element pairs (2p, 2p+1) then go to kt2 column j;
        // V rows two keys at a time, interleaved so that each 32-bit lane holds one column's pair.
        const __m512i interleave = _mm512_set_epi16(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8,
                                                    23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
        uint32_t *kt32 = (uint32_t *)kt2, *vt32 = (uint32_t *)vt2;
        for (size_t j = 0; j < lp; j++) {
            for (size_t c0 = 0; c0 < d; c0 += 32) {
                uint32_t pairs[16];
                if (j < length) {
                    const float *row = k + j * qkv_stride + c0;
                    _mm512_storeu_si512((void *)pairs, (__m512i)_mm512_cvtne2ps_pbh(_mm512_loadu_ps(row + 16), _mm512_loadu_ps(row)));
                } else {
                    memset(pairs, 0, sizeof pairs);
                }
                for (size_t t = 0; t < 16; t++) kt32[(c0 / 2 + t) * lp + j] = pairs[t];
            }
        }
        for (size_t jp = 0; jp < lp / 2; jp++) {
            const size_t j0 = 2 * jp, j1 = 2 * jp + 1;
            for (size_t c0 = 0; c0 < d; c0 += 16) {
                const __m512 a = j0 < length ? _mm512_loadu_ps(v + j0 * qkv_stride + c0) : _mm512_setzero_ps();
                const __m512 b = j1 < length ? _mm512_loadu_ps(v + j1 * qkv_stride + c0) : _mm512_setzero_ps();
                // a's 16 values in the low half, b's in the high half, then a_c, b_c side by side.
                const __m512i both = (__m512i)_mm512_cvtne2ps_pbh(b, a);
                _mm512_storeu_si512((void *)(vt32 + jp * d + c0), _mm512_permutexvar_epi16(interleave, both));
            }
        }
        for (size_t i = 0; i < length; i++)
            for (size_t c0 = 0; c0 < d; c0 += 32) {
                const float *row = q + i * qkv_stride + c0;
                _mm512_storeu_si512((void *)(q16 + i * d + c0), (__m512i)_mm512_cvtne2ps_pbh(_mm512_loadu_ps(row + 16), _mm512_loadu_ps(row)));
            }
        for (size_t i0 = 0; i0 < length; i0 += 8) {
            const size_t rows = length - i0 < 8 ? length - i0 : 8;
            const uint32_t *qr[8];
            for (size_t r = 0; r < 8; r++) qr[r] = (const uint32_t *)(q16 + (i0 + (r < rows ? r : 0)) * d);
            for (size_t j = 0; j < lp; j += 16) {
                __m512 a[8];
                for (size_t r = 0; r < 8; r++) a[r] = _mm512_setzero_ps();
                for (size_t p = 0; p < d / 2; p++) {
                    const __m512bh kv = (__m512bh)_mm512_loadu_si512((const void *)(kt2 + (p * lp + j) * 2));
                    for (size_t r = 0; r < 8; r++)
                        a[r] = _mm512_dpbf16_ps(a[r], (__m512bh)_mm512_set1_epi32((int)qr[r][p]), kv);
                }
                for (size_t r = 0; r < 8; r++) _mm512_storeu_ps(s + r * lp + j, _mm512_mul_ps(a[r], vscale));
            }
            // Unnormalised exps (padding zeroed) to bf16; the outputs are scaled by 1/Σ at the end.
            float inverse_sums[8];
            softmax_unnormalized_avx512(s, rows, length, lp, lp, inverse_sums);
            for (size_t r = 0; r < rows; r++) {
                float *row = s + r * lp;
                for (size_t j = 0; j < lp; j += 32) {
                    const __m512 high = j + 16 < lp ? _mm512_loadu_ps(row + j + 16) : _mm512_setzero_ps();
                    __m256i converted[2];
                    _mm512_storeu_si512((void *)converted, (__m512i)_mm512_cvtne2ps_pbh(high, _mm512_loadu_ps(row + j)));
                    memcpy(p16 + r * lp + j, converted, (j + 32 <= lp ? 32 : 16) * sizeof(uint16_t));
                }
            }
            for (size_t r = 0; r < rows; r += 4) {
                const uint32_t *pr[4];
                for (size_t t = 0; t < 4; t++) pr[t] = (const uint32_t *)(p16 + (r + t < rows ? r + t : r) * lp);
                for (size_t c0 = 0; c0 < d; c0 += 32) {
                    __m512 o[4][2];
                    for (size_t t = 0; t < 4; t++) { o[t][0] = _mm512_setzero_ps(); o[t][1] = _mm512_setzero_ps(); }
                    for (size_t jp = 0; jp < lp / 2; jp++) {
                        const __m512bh v0 = (__m512bh)_mm512_loadu_si512((const void *)(vt2 + (jp * d + c0) * 2));
                        const __m512bh v1 = (__m512bh)_mm512_loadu_si512((const void *)(vt2 + (jp * d + c0 + 16) * 2));
                        for (size_t t = 0; t < 4; t++) {
                            const __m512bh b = (__m512bh)_mm512_set1_epi32((int)pr[t][jp]);
                            o[t][0] = _mm512_dpbf16_ps(o[t][0], b, v0);
                            o[t][1] = _mm512_dpbf16_ps(o[t][1], b, v1);
                        }
                    }
                    for (size_t t = 0; t < 4 && r + t < rows; t++) {
                        float *out = context + (i0 + r + t) * context_stride + h * d + c0;
                        const __m512 inverse = _mm512_set1_ps(inverse_sums[r + t]);
                        _mm512_storeu_ps(out, _mm512_mul_ps(o[t][0], inverse));
                        _mm512_storeu_ps(out + 16, _mm512_mul_ps(o[t][1], inverse));
                    }
                }
            }
        }
    }
}

static int has_avx512_bf16(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = seek_cpu_has_avx512() && __builtin_cpu_supports("avx512bf16");
    }
    return cached;
}

static int has_avx2(void) {
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
}
#else
static int has_avx2(void) { return 0; }
static int has_avx512(void) { return 0; }
static int has_avx512_bf16(void) { return 0; }
#endif

int seek_kernels_uses_avx2(void) { return has_avx2(); }

int seek_cpu_has_avx512(void) {
#ifdef SEEK_X86
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
    }
    return cached;
#else
    return 0;
#endif
}

void seek_bias_gelu_rows(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
#ifdef SEEK_X86
    if (has_avx512()) { bias_gelu_avx512(x, rows, columns, stride, bias); return; }
    if (has_avx2()) { bias_gelu_avx2(x, rows, columns, stride, bias); return; }
#endif
    bias_gelu_scalar(x, rows, columns, stride, bias);
}

void seek_bias_add_rows(float *x, size_t rows, size_t columns, size_t stride, const float *bias) {
#ifdef SEEK_X86
    if (has_avx2()) { bias_add_avx2(x, rows, columns, stride, bias); return; }
#endif
    bias_add_scalar(x, rows, columns, stride, bias);
}

void seek_softmax_rows(float *x, size_t rows, size_t columns, size_t stride) {
#ifdef SEEK_X86
    if (has_avx2()) { softmax_avx2(x, rows, columns, stride); return; }
#endif
    softmax_scalar(x, rows, columns, stride);
}

void seek_layer_norm_rows(float *x, size_t rows, size_t columns, size_t stride,
                          const float *bias, const float *gamma, const float *beta, float epsilon) {
#ifdef SEEK_X86
    if (has_avx2()) { layer_norm_avx2(x, rows, columns, stride, bias, gamma, beta, epsilon); return; }
#endif
    layer_norm_scalar(x, rows, columns, stride, bias, gamma, beta, epsilon);
}

size_t seek_attention_workspace_floats(size_t length, size_t head_size) {
    size_t lp = (length + 15) & ~(size_t)15;
    // fp32 paths: kt, vc [d × lp] and 8 score rows; the bf16 path needs less (half-width K, V, Q,
    // then 8 score rows and 8 bf16 probability rows), which this covers for head sizes ≥ 8.
    return 2 * head_size * lp + 8 * lp + 16;
}

int seek_attention_runs_bf16(size_t head_size) {
    return has_avx512_bf16() && head_size % 32 == 0;
}

void seek_attention_bf16(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t head_size,
                         float scale, float *context, size_t context_stride, float *workspace) {
#ifdef SEEK_X86
    if (seek_attention_runs_bf16(head_size)) {
        attention_avx512_bf16(qkv, qkv_stride, length, heads, head_size, scale, context, context_stride, workspace);
        return;
    }
#endif
    seek_attention(qkv, qkv_stride, length, heads, head_size, scale, context, context_stride, workspace);
}

void seek_attention(const float *qkv, size_t qkv_stride, size_t length, size_t heads, size_t head_size,
                    float scale, float *context, size_t context_stride, float *workspace) {
#ifdef SEEK_X86
    if (has_avx512() && head_size % 32 == 0) {
        attention_avx512(qkv, qkv_stride, length, heads, head_size, scale, context, context_stride, workspace);
        return;
    }
    if (has_avx2() && head_size % 32 == 0) {
        attention_avx2(qkv, qkv_stride, length, heads, head_size, scale, context, context_stride, workspace);
        return;
    }
#endif
    attention_scalar(qkv, qkv_stride, length, heads, head_size, scale, context, context_stride, workspace);
}

void seek_exp(const float *x, float *y, size_t n) {
#ifdef SEEK_X86
    if (has_avx2()) { exp_avx2(x, y, n); return; }
#endif
    for (size_t i = 0; i < n; i++) y[i] = expf(x[i]);
}

void seek_erf(const float *x, float *y, size_t n) {
#ifdef SEEK_X86
    if (has_avx2()) { erf_avx2(x, y, n); return; }
#endif
    for (size_t i = 0; i < n; i++) y[i] = erf_scalar(x[i]);
}
