#include "seek_quantize.h"
#include "seek_kernels.h"
#include <math.h>
#include <string.h>
#if defined(__x86_64__)
#define SEEK_QUANTIZE_X86 1
#include <immintrin.h>
#endif

// Scalar versions (any x86-64 and other CPUs), then AVX-512 versions chosen at run time: these
// conversions touch every activation of every reduced-precision product, so a scalar loop costs
// as much as the int8 product itself.

#ifdef SEEK_QUANTIZE_X86
#define AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512dq")))
static int has_avx512(void) { return seek_cpu_has_avx512(); }
#else
static int has_avx512(void) { return 0; }
#endif

static inline uint16_t bf16_round(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((bits >> 16) | 0x40u); // quiet NaN
    bits += 0x7fffu + ((bits >> 16) & 1u);
    return (uint16_t)(bits >> 16);
}

// Round to nearest even on 16 floats at once, the same integer trick as bf16_round.
#ifdef SEEK_QUANTIZE_X86
AVX512 static void f32_to_bf16_row_avx512(const float *in, ptrdiff_t columns, uint16_t *out) {
    const __m512i rounding = _mm512_set1_epi32(0x7fff), one = _mm512_set1_epi32(1);
    const __m512i exponent = _mm512_set1_epi32(0x7f800000), magnitude = _mm512_set1_epi32(0x7fffffff);
    const __m512i quiet = _mm512_set1_epi32(0x400000);
    ptrdiff_t c = 0;
    for (; c + 16 <= columns; c += 16) {
        __m512i bits = _mm512_loadu_si512((const void *)(in + c));
        __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), one);
        __m512i rounded = _mm512_add_epi32(bits, _mm512_add_epi32(rounding, lsb));
        __mmask16 nan = _mm512_cmpgt_epu32_mask(_mm512_and_si512(bits, magnitude), exponent);
        rounded = _mm512_mask_mov_epi32(rounded, nan, _mm512_or_si512(bits, quiet));
        _mm256_storeu_si256((__m256i *)(out + c), _mm512_cvtepi32_epi16(_mm512_srli_epi32(rounded, 16)));
    }
    for (; c < columns; c++) out[c] = bf16_round(in[c]);
}
#endif

void seek_f32_to_bf16(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, uint16_t *dst) {
    int wide = has_avx512();
    (void)wide;
    for (ptrdiff_t r = 0; r < rows; r++) {
        const float *in = src + r * ld;
        uint16_t *out = dst + r * columns;
#ifdef SEEK_QUANTIZE_X86
        if (wide) {
            f32_to_bf16_row_avx512(in, columns, out);
            continue;
        }
#endif
        {
            for (ptrdiff_t c = 0; c < columns; c++) out[c] = bf16_round(in[c]);
        }
    }
}

void seek_bf16_to_f32(const uint16_t *src, ptrdiff_t count, float *dst) {
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t bits = (uint32_t)src[i] << 16;
        memcpy(&dst[i], &bits, sizeof bits);
    }
}

static void quantize_row(const float *in, const float *multipliers, ptrdiff_t columns, int8_t *out, float *scale_out) {
    float peak = 0;
    for (ptrdiff_t c = 0; c < columns; c++) peak = fmaxf(peak, fabsf(multipliers ? in[c] * multipliers[c] : in[c]));
    float scale = peak > 0 ? peak / 127.0f : 1.0f;
    float inverse = 1.0f / scale;
    for (ptrdiff_t c = 0; c < columns; c++) {
        float value = multipliers ? in[c] * multipliers[c] : in[c];
        float q = nearbyintf(value * inverse);
        q = fminf(127.0f, fmaxf(-127.0f, q));
        out[c] = (int8_t)q;
    }
    *scale_out = scale;
}

#ifdef SEEK_QUANTIZE_X86
AVX512 static void quantize_row_avx512(const float *in, const float *multipliers, ptrdiff_t columns, int8_t *out, float *scale_out) {
    __m512 peak16 = _mm512_setzero_ps();
    ptrdiff_t c = 0;
    for (; c + 16 <= columns; c += 16) {
        __m512 value = _mm512_loadu_ps(in + c);
        if (multipliers) value = _mm512_mul_ps(value, _mm512_loadu_ps(multipliers + c));
        peak16 = _mm512_max_ps(peak16, _mm512_abs_ps(value));
    }
    float peak = _mm512_reduce_max_ps(peak16);
    for (ptrdiff_t t = c; t < columns; t++) peak = fmaxf(peak, fabsf(multipliers ? in[t] * multipliers[t] : in[t]));
    float scale = peak > 0 ? peak / 127.0f : 1.0f;
    float inverse = 1.0f / scale;
    const __m512 inverse16 = _mm512_set1_ps(inverse);
    c = 0;
    for (; c + 16 <= columns; c += 16) {
        __m512 value = _mm512_loadu_ps(in + c);
        if (multipliers) value = _mm512_mul_ps(value, _mm512_loadu_ps(multipliers + c));
        // cvtps rounds to nearest even (the default MXCSR mode); |value·inverse| ≤ 127 by construction,
        // and the saturating narrow keeps it there whatever rounding does at the edge.
        __m512i q = _mm512_cvtps_epi32(_mm512_mul_ps(value, inverse16));
        q = _mm512_max_epi32(q, _mm512_set1_epi32(-127));
        _mm_storeu_si128((__m128i *)(out + c), _mm512_cvtsepi32_epi8(q));
    }
    for (; c < columns; c++) {
        float value = multipliers ? in[c] * multipliers[c] : in[c];
        float q = fminf(127.0f, fmaxf(-127.0f, nearbyintf(value * inverse)));
        out[c] = (int8_t)q;
    }
    *scale_out = scale;
}
#endif

void seek_quantize_rows_s8(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, const float *column_multipliers,
                           int8_t *dst, float *scales) {
    int wide = has_avx512();
    (void)wide;
    for (ptrdiff_t r = 0; r < rows; r++) {
#ifdef SEEK_QUANTIZE_X86
        if (wide) {
            quantize_row_avx512(src + r * ld, column_multipliers, columns, dst + r * columns, &scales[r]);
            continue;
        }
#endif
        {
            quantize_row(src + r * ld, column_multipliers, columns, dst + r * columns, &scales[r]);
        }
    }
}

#ifdef SEEK_QUANTIZE_X86
AVX512 static void dequantize_row_avx512(const int32_t *in, ptrdiff_t columns, float row_scale, const float *column_scales,
                                          float *out, int accumulate) {
    const __m512 row16 = _mm512_set1_ps(row_scale);
    ptrdiff_t c = 0;
    for (; c + 16 <= columns; c += 16) {
        __m512 value = _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_loadu_si512((const void *)(in + c))), row16),
                                     _mm512_loadu_ps(column_scales + c));
        if (accumulate) value = _mm512_add_ps(value, _mm512_loadu_ps(out + c));
        _mm512_storeu_ps(out + c, value);
    }
    for (; c < columns; c++) {
        float value = (float)in[c] * row_scale * column_scales[c];
        out[c] = accumulate ? out[c] + value : value;
    }
}
#endif

void seek_dequantize_s32(const int32_t *acc, ptrdiff_t rows, ptrdiff_t columns, const float *row_scales,
                         const float *column_scales, float *out, ptrdiff_t ld_out, int accumulate) {
    int wide = has_avx512();
    (void)wide;
    for (ptrdiff_t r = 0; r < rows; r++) {
        const int32_t *in = acc + r * columns;
        float *o = out + r * ld_out;
#ifdef SEEK_QUANTIZE_X86
        if (wide) {
            dequantize_row_avx512(in, columns, row_scales[r], column_scales, o, accumulate);
            continue;
        }
#endif
        float row_scale = row_scales[r];
        for (ptrdiff_t c = 0; c < columns; c++) {
            float value = (float)in[c] * row_scale * column_scales[c];
            o[c] = accumulate ? o[c] + value : value;
        }
    }
}
