#include "seek_quantize.h"
#include <math.h>
#include <string.h>

static inline uint16_t bf16_round(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((bits >> 16) | 0x40u); // quiet NaN
    bits += 0x7fffu + ((bits >> 16) & 1u);
    return (uint16_t)(bits >> 16);
}

void seek_f32_to_bf16(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, uint16_t *dst) {
    for (ptrdiff_t r = 0; r < rows; r++) {
        const float *in = src + r * ld;
        uint16_t *out = dst + r * columns;
        for (ptrdiff_t c = 0; c < columns; c++) out[c] = bf16_round(in[c]);
    }
}

void seek_bf16_to_f32(const uint16_t *src, ptrdiff_t count, float *dst) {
    for (ptrdiff_t i = 0; i < count; i++) {
        uint32_t bits = (uint32_t)src[i] << 16;
        memcpy(&dst[i], &bits, sizeof bits);
    }
}

static void quantize_row(const float *in, ptrdiff_t columns, int8_t *out, float *scale_out) {
    float peak = 0;
    for (ptrdiff_t c = 0; c < columns; c++) peak = fmaxf(peak, fabsf(in[c]));
    float scale = peak > 0 ? peak / 127.0f : 1.0f;
    float inverse = 1.0f / scale;
    for (ptrdiff_t c = 0; c < columns; c++) {
        float q = nearbyintf(in[c] * inverse);
        q = fminf(127.0f, fmaxf(-127.0f, q));
        out[c] = (int8_t)q;
    }
    *scale_out = scale;
}

void seek_quantize_rows_s8(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, const float *column_multipliers,
                           int8_t *dst, float *scales) {
    if (!column_multipliers) {
        for (ptrdiff_t r = 0; r < rows; r++) quantize_row(src + r * ld, columns, dst + r * columns, &scales[r]);
        return;
    }
    float row[columns > 0 ? columns : 1];
    for (ptrdiff_t r = 0; r < rows; r++) {
        const float *in = src + r * ld;
        for (ptrdiff_t c = 0; c < columns; c++) row[c] = in[c] * column_multipliers[c];
        quantize_row(row, columns, dst + r * columns, &scales[r]);
    }
}

void seek_dequantize_s32(const int32_t *acc, ptrdiff_t rows, ptrdiff_t columns, const float *row_scales,
                         const float *column_scales, float *out, ptrdiff_t ld_out, int accumulate) {
    for (ptrdiff_t r = 0; r < rows; r++) {
        const int32_t *in = acc + r * columns;
        float *o = out + r * ld_out;
        float row_scale = row_scales[r];
        if (accumulate) {
            for (ptrdiff_t c = 0; c < columns; c++) o[c] += (float)in[c] * row_scale * column_scales[c];
        } else {
            for (ptrdiff_t c = 0; c < columns; c++) o[c] = (float)in[c] * row_scale * column_scales[c];
        }
    }
}
