// See seek_scan.h. Portable paths first, then AVX2 paths selected once at run time.
#include "seek_scan.h"
#include "seek_kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SEEK_SCAN_X86 1
#include <immintrin.h>
#define SCAN_AVX2 __attribute__((target("avx2,fma")))
#endif

// MARK: - Bounded top-k: a binary min-heap whose root is the worst kept entry.

// True when (s1, r1) ranks after (s2, r2): a lower score, or an equal score and a higher row.
static inline int ranks_after(float s1, uint32_t r1, float s2, uint32_t r2) {
    return s1 < s2 || (s1 == s2 && r1 > r2);
}

typedef struct {
    float *scores;
    uint32_t *rows;
    size_t count;
    size_t capacity;
} topk_heap;

static inline void heap_sift_down(topk_heap *h, size_t i) {
    for (;;) {
        size_t worst = i, left = 2 * i + 1, right = left + 1;
        if (left < h->count && ranks_after(h->scores[left], h->rows[left], h->scores[worst], h->rows[worst])) worst = left;
        if (right < h->count && ranks_after(h->scores[right], h->rows[right], h->scores[worst], h->rows[worst])) worst = right;
        if (worst == i) return;
        float s = h->scores[i]; h->scores[i] = h->scores[worst]; h->scores[worst] = s;
        uint32_t r = h->rows[i]; h->rows[i] = h->rows[worst]; h->rows[worst] = r;
        i = worst;
    }
}

static inline void heap_push(topk_heap *h, float score, uint32_t row) {
    if (h->count < h->capacity) {
        size_t i = h->count++;
        h->scores[i] = score;
        h->rows[i] = row;
        while (i > 0) {
            size_t parent = (i - 1) / 2;
            if (!ranks_after(h->scores[i], h->rows[i], h->scores[parent], h->rows[parent])) break;
            float s = h->scores[i]; h->scores[i] = h->scores[parent]; h->scores[parent] = s;
            uint32_t r = h->rows[i]; h->rows[i] = h->rows[parent]; h->rows[parent] = r;
            i = parent;
        }
    } else if (ranks_after(h->scores[0], h->rows[0], score, row)) {
        h->scores[0] = score;
        h->rows[0] = row;
        heap_sift_down(h, 0);
    }
}

// The common case in one compare: a full heap and a score below its worst entry.
static inline void heap_offer(topk_heap *h, float score, uint32_t row) {
    if (h->count == h->capacity && score < h->scores[0]) return;
    heap_push(h, score, row);
}

// Sorts the kept entries best first (heap sort: repeatedly move the worst entry to the end).
static size_t heap_finish(topk_heap *h) {
    size_t kept = h->count;
    while (h->count > 1) {
        size_t last = h->count - 1;
        float s = h->scores[0]; h->scores[0] = h->scores[last]; h->scores[last] = s;
        uint32_t r = h->rows[0]; h->rows[0] = h->rows[last]; h->rows[last] = r;
        h->count--;
        heap_sift_down(h, 0);
    }
    h->count = kept;
    return kept;
}

// MARK: - Row sets

// Runs BODY with `row` bound to every row of `set`, ascending.
#define FOR_EACH_ROW(set, row, BODY)                                                              \
    do {                                                                                          \
        if ((set).rows) {                                                                         \
            for (size_t seek_i_ = 0; seek_i_ < (set).row_count; seek_i_++) {                      \
                const size_t row = (set).rows[seek_i_];                                           \
                BODY                                                                              \
            }                                                                                     \
        } else if ((set).bits) {                                                                  \
            if ((set).begin < (set).end) {                                                        \
                const size_t first_word_ = (set).begin >> 6, last_word_ = ((set).end - 1) >> 6;  \
                for (size_t w_ = first_word_; w_ <= last_word_; w_++) {                           \
                    uint64_t word_ = (set).bits[w_];                                              \
                    if (w_ == first_word_) word_ &= ~0ULL << ((set).begin & 63);                  \
                    if (w_ == last_word_ && ((set).end & 63)) word_ &= ~0ULL >> (64 - ((set).end & 63)); \
                    while (word_) {                                                               \
                        const size_t row = (w_ << 6) + (size_t)__builtin_ctzll(word_);            \
                        word_ &= word_ - 1;                                                       \
                        BODY                                                                      \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        } else {                                                                                  \
            for (size_t row = (set).begin; row < (set).end; row++) {                              \
                BODY                                                                              \
            }                                                                                     \
        }                                                                                         \
    } while (0)

// MARK: - Portable paths

static inline float dot_f32_scalar(const float *a, const float *b, size_t n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * b[i];
    return (s0 + s1) + (s2 + s3);
}

static inline int32_t dot_i8_scalar(const int8_t *a, const int8_t *b, size_t n) {
    int32_t s = 0;
    for (size_t i = 0; i < n; i++) s += (int32_t)a[i] * (int32_t)b[i];
    return s;
}

static size_t scan_f32_scalar(const float *matrix, size_t d, const float *query, seek_row_set set, topk_heap *h) {
    FOR_EACH_ROW(set, row, { heap_offer(h, dot_f32_scalar(query, matrix + row * d, d), (uint32_t)row); });
    return heap_finish(h);
}

static size_t scan_i8_scalar(const int8_t *codes, size_t d, const float *row_scales, const int8_t *query, float query_scale,
                             seek_row_set set, float *scores, topk_heap *h) {
    FOR_EACH_ROW(set, row, {
        const float score = (query_scale * row_scales[row]) * (float)dot_i8_scalar(query, codes + row * d, d);
        scores[row] = score;
        heap_offer(h, score, (uint32_t)row);
    });
    return heap_finish(h);
}

// MARK: - AVX2 paths

#ifdef SEEK_SCAN_X86
SCAN_AVX2 static inline float hsum8_scan(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// Four independent accumulators of 8 lanes, combined in a fixed order; scalar tail last.
SCAN_AVX2 static inline float dot_f32_avx2(const float *a, const float *b, size_t n) {
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps(), acc2 = _mm256_setzero_ps(), acc3 = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), acc1);
        acc2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), acc2);
        acc3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), acc3);
    }
    for (; i + 8 <= n; i += 8) acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc0);
    float sum = hsum8_scan(_mm256_add_ps(_mm256_add_ps(acc0, acc1), _mm256_add_ps(acc2, acc3)));
    for (; i < n; i++) sum = fmaf(a[i], b[i], sum);
    return sum;
}

// Σ a[j]·b[j] with b already sign-extended to int16: 32 codes per step, each half sign-extended to
// 16 × int16 and multiplied pairwise into int32 lanes by madd (exact: |a·b| ≤ 2·128² per lane).
SCAN_AVX2 static inline int32_t dot_i8_avx2(const int8_t *a, const int16_t *b16, size_t n) {
    __m256i acc0 = _mm256_setzero_si256(), acc1 = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i lo = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(a + i)));
        __m256i hi = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(a + i + 16)));
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(lo, _mm256_loadu_si256((const __m256i *)(b16 + i))));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(hi, _mm256_loadu_si256((const __m256i *)(b16 + i + 16))));
    }
    for (; i + 16 <= n; i += 16) {
        __m256i lo = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(a + i)));
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(lo, _mm256_loadu_si256((const __m256i *)(b16 + i))));
    }
    __m256i acc = _mm256_add_epi32(acc0, acc1);
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    int32_t sum = _mm_cvtsi128_si32(s);
    for (; i < n; i++) sum += (int32_t)a[i] * (int32_t)b16[i];
    return sum;
}

SCAN_AVX2 static size_t scan_f32_avx2(const float *matrix, size_t d, const float *query, seek_row_set set, topk_heap *h) {
    FOR_EACH_ROW(set, row, { heap_offer(h, dot_f32_avx2(query, matrix + row * d, d), (uint32_t)row); });
    return heap_finish(h);
}

SCAN_AVX2 static size_t scan_i8_avx2(const int8_t *codes, size_t d, const float *row_scales, const int16_t *query16,
                                     float query_scale, seek_row_set set, float *scores, topk_heap *h) {
    FOR_EACH_ROW(set, row, {
        const float score = (query_scale * row_scales[row]) * (float)dot_i8_avx2(codes + row * d, query16, d);
        scores[row] = score;
        heap_offer(h, score, (uint32_t)row);
    });
    return heap_finish(h);
}

#endif

// One CPU check for the whole target: seek_kernels.c caches it.
static int scan_has_avx2(void) { return seek_kernels_uses_avx2(); }

// MARK: - Public entry points

int seek_scan_uses_avx2(void) { return scan_has_avx2(); }

float seek_dot_f32(const float *a, const float *b, size_t dimension) {
#ifdef SEEK_SCAN_X86
    if (scan_has_avx2()) return dot_f32_avx2(a, b, dimension);
#endif
    return dot_f32_scalar(a, b, dimension);
}

size_t seek_scan_f32_topk(const float *matrix, size_t dimension, const float *query, seek_row_set set,
                          size_t k, float *top_scores, uint32_t *top_rows) {
    if (k == 0) return 0;
    topk_heap h = {top_scores, top_rows, 0, k};
#ifdef SEEK_SCAN_X86
    if (scan_has_avx2()) return scan_f32_avx2(matrix, dimension, query, set, &h);
#endif
    return scan_f32_scalar(matrix, dimension, query, set, &h);
}

size_t seek_scan_i8_topk(const int8_t *codes, size_t dimension, const float *row_scales,
                         const int8_t *query_codes, float query_scale, seek_row_set set,
                         float *scores, size_t k, float *top_scores, uint32_t *top_rows) {
    // k == 0 still writes every score: the caller may only want the scores. The dummy heap entry
    // scores +inf, so every row is rejected by heap_offer's first compare.
    float unused_score = INFINITY;
    uint32_t unused_row = 0;
    topk_heap h = {k ? top_scores : &unused_score, k ? top_rows : &unused_row, 0, k};
#ifdef SEEK_SCAN_X86
    if (scan_has_avx2()) {
        int16_t *query16 = malloc(dimension * sizeof(int16_t) + 32);
        if (query16) {
            for (size_t j = 0; j < dimension; j++) query16[j] = query_codes[j];
            size_t kept = scan_i8_avx2(codes, dimension, row_scales, query16, query_scale, set, scores, &h);
            free(query16);
            return k ? kept : 0;
        }
    }
#endif
    size_t kept = scan_i8_scalar(codes, dimension, row_scales, query_codes, query_scale, set, scores, &h);
    return k ? kept : 0;
}

size_t seek_select_rows(const float *scores, const float *row_a, float a, const float *row_b, float b,
                        float threshold, seek_row_set set, uint32_t *out_rows) {
    size_t count = 0;
    FOR_EACH_ROW(set, row, {
        if (scores[row] + a * row_a[row] + b * row_b[row] >= threshold) out_rows[count++] = (uint32_t)row;
    });
    return count;
}

void seek_i8_row_norms(const int8_t *codes, size_t dimension, size_t rows, float *norms) {
    for (size_t r = 0; r < rows; r++) norms[r] = sqrtf((float)dot_i8_scalar(codes + r * dimension, codes + r * dimension, dimension));
}
