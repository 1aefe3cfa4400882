// A plain, portable single-precision matrix product: the safe fallback when the BLAS library fails
// Seek's known-answer check (some OpenBLAS builds compute wrong results on some processors).
// Slower than BLAS, never wrong. Swift code reaches it only through SeekKernels' `GEMM`.
#ifndef SEEK_GEMM_H
#define SEEK_GEMM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Row-major C[m×n] = alpha·A[m×k]·op(B) + beta·C, op(B) = Bᵀ (B is [n×k]) when `transpose_b`,
/// else B ([k×n]). Leading dimensions are row strides in floats. C is not read when beta == 0.
void seek_sgemm_reference(int transpose_b, size_t m, size_t n, size_t k, float alpha,
                          const float *a, size_t lda, const float *b, size_t ldb,
                          float beta, float *c, size_t ldc);

#ifdef __cplusplus
}
#endif

#endif
