#ifndef SEEK_QUANTIZE_H
#define SEEK_QUANTIZE_H
// Conversions between fp32 activations and the reduced precisions of the linear layers
// (bf16, symmetric int8). Row-major; `ld` is the row stride of the fp32 side in floats, the
// reduced side is dense (rows × columns).
#include <stddef.h>
#include <stdint.h>

/// dst = bf16(src), rounding to nearest even (NaN stays NaN).
void seek_f32_to_bf16(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, uint16_t *dst);

/// fp32 value of each bf16 in src (count values).
void seek_bf16_to_f32(const uint16_t *src, ptrdiff_t count, float *dst);

/// Per row r: scales[r] = max|src[r]| / 127 (1 for an all-zero row), dst[r] = round(src[r] / scales[r]).
/// With column_multipliers (nullable, one per column) each value is multiplied by its column's
/// multiplier first (SmoothQuant's activation side: x_j / s_j).
void seek_quantize_rows_s8(const float *src, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t ld, const float *column_multipliers,
                           int8_t *dst, float *scales);

/// out[r][c] = acc[r][c] · row_scales[r] · column_scales[c] (+ out[r][c] when accumulate).
/// acc is dense rows × columns; out has row stride ld_out.
void seek_dequantize_s32(const int32_t *acc, ptrdiff_t rows, ptrdiff_t columns, const float *row_scales,
                         const float *column_scales, float *out, ptrdiff_t ld_out, int accumulate);
#endif
