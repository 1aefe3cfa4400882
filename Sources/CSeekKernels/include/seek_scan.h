// Brute-force vector scan kernels of the search engine: one query against many rows of a
// contiguous row-major matrix (Float32, or Int8 codes with one scale per row), fused with a
// bounded top-k selection. AVX2 paths are chosen at run time, like seek_kernels.c.
// Swift code never calls these directly: SeekKernels.VectorScan wraps them behind safe APIs.
#ifndef SEEK_SCAN_H
#define SEEK_SCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The rows a scan visits. Range mode (rows == NULL): every row in [begin, end) whose bit is set
/// in `bits` (bit r of word r / 64; every row when bits == NULL). List mode (rows != NULL): the
/// `row_count` rows listed in `rows`, strictly ascending; begin, end and bits are ignored.
typedef struct seek_row_set {
    size_t begin;
    size_t end;
    const uint64_t *bits;
    const uint32_t *rows;
    size_t row_count;
} seek_row_set;

/// Float32 dot product of two vectors of `dimension` floats. The scans below compute every row's
/// score with exactly this function, so a score recomputed later is bit-identical.
float seek_dot_f32(const float *a, const float *b, size_t dimension);

/// Exact scan: score(r) = dot(query, matrix row r) for every row of `set`; keeps the best `k`
/// (higher score first, equal scores: lower row first) in `top_scores` / `top_rows`, sorted.
/// Returns how many were kept (min(k, rows visited)). Rows are `dimension` floats, contiguous.
size_t seek_scan_f32_topk(const float *matrix, size_t dimension, const float *query, seek_row_set set,
                          size_t k, float *top_scores, uint32_t *top_rows);

/// Approximate scan over Int8 codes: score(r) = query_scale · row_scales[r] · Σ query_codes[j]·codes[r][j],
/// the integer sum computed exactly. Writes score(r) to `scores[r]` for every visited row (other
/// entries untouched) and keeps the best `k` like seek_scan_f32_topk. Returns how many were kept.
size_t seek_scan_i8_topk(const int8_t *codes, size_t dimension, const float *row_scales,
                         const int8_t *query_codes, float query_scale, seek_row_set set,
                         float *scores, size_t k, float *top_scores, uint32_t *top_rows);

/// Candidate selection after seek_scan_i8_topk: appends to `out_rows` (ascending) every row r of
/// `set` with scores[r] + a · row_a[r] + b · row_b[r] >= threshold, and returns how many. `out_rows`
/// must hold as many entries as `set` has rows.
size_t seek_select_rows(const float *scores, const float *row_a, float a, const float *row_b, float b,
                        float threshold, seek_row_set set, uint32_t *out_rows);

/// Euclidean norm of each Int8 code row: norms[r] = sqrt(Σ codes[r][j]²) for r in [0, rows).
void seek_i8_row_norms(const int8_t *codes, size_t dimension, size_t rows, float *norms);

/// 1 when the AVX2 scan paths are in use, 0 for the portable ones.
int seek_scan_uses_avx2(void);

#ifdef __cplusplus
}
#endif

#endif
