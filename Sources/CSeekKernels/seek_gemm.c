#include "seek_gemm.h"

// Dot product of two contiguous rows with eight partial sums, so that -O3 vectorises it
// without reassociation flags (the order of additions is fixed: results are deterministic).
static float dot_row(const float *x, const float *y, size_t k) {
    float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t p = 0;
    for (; p + 8 <= k; p += 8) {
        for (int l = 0; l < 8; l++) s[l] += x[p + l] * y[p + l];
    }
    float total = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    for (; p < k; p++) total += x[p] * y[p];
    return total;
}

void seek_sgemm_reference(int transpose_b, size_t m, size_t n, size_t k, float alpha,
                          const float *a, size_t lda, const float *b, size_t ldb,
                          float beta, float *c, size_t ldc) {
    for (size_t i = 0; i < m; i++) {
        const float *a_row = a + i * lda;
        float *c_row = c + i * ldc;
        if (transpose_b) {
            for (size_t j = 0; j < n; j++) {
                float product = alpha * dot_row(a_row, b + j * ldb, k);
                c_row[j] = beta == 0 ? product : product + beta * c_row[j];
            }
        } else {
            // C row = beta·C row + Σ_p alpha·a[i][p]·B row p (axpy form: contiguous, vectorises).
            for (size_t j = 0; j < n; j++) c_row[j] = beta == 0 ? 0 : beta * c_row[j];
            for (size_t p = 0; p < k; p++) {
                const float scale = alpha * a_row[p];
                const float *b_row = b + p * ldb;
                for (size_t j = 0; j < n; j++) c_row[j] += scale * b_row[j];
            }
        }
    }
}
