import CBLAS
import CSeekKernels
import CSeekOneDNN
import Foundation

/// Matrix products through BLAS sgemm (OpenBLAS on Linux, Accelerate on macOS) or oneDNN's
/// matmul primitive (Linux), whichever is faster here.
///
/// A library is trusted only after it passes a known-answer check, run once per process on the
/// first product (`GEMMKnownAnswerCheck`, well under a millisecond): one that computes a wrong
/// product on this processor is skipped, down to Seek's plain reference kernel, slower but never
/// wrong, and `GEMM.status` says so. With the default preference `auto`, the libraries that pass
/// are timed on the encoder's own shapes (`GEMMCalibration`, ~0.2 s per library, once per
/// machine) and the faster one computes every product; `prefer(_:)` (`--gemm`) or `SEEK_GEMM`
/// names one instead.
///
/// Both run single-threaded inside each call: Seek parallelises across independent batches
/// (one encoder lane per thread), which keeps every core busy without a library's own thread
/// pool fighting the lanes.
public enum GEMM {
    /// Makes every BLAS call run on the calling thread only. Call once before encoding.
    public static func useCallingThreadOnly() {
        #if os(Linux)
        openblas_set_num_threads(1)
        #endif
    }

    /// Makes every BLAS call run on the calling thread and stops OpenBLAS's own thread pool.
    /// OpenBLAS starts that pool when the library loads, and its threads spin for about 0.1 s of
    /// CPU before they sleep: Seek never uses them, and the spin slows short commands and
    /// competes with the embedder workers starting beside it. Call early in a process (the CLI
    /// does, first thing); products work as before afterwards.
    public static func stopLibraryThreads() {
        useCallingThreadOnly()
        #if os(Linux)
        _ = blas_thread_shutdown_()
        #endif
    }

    /// output = input · weightᵀ, plus the previous output when `accumulate`.
    /// Shapes: input [m × k], weight [n × k] (PyTorch Linear layout: out × in), output [m × n].
    public static func linear(_ input: MatrixBlock, _ weight: WeightMatrix, into output: MatrixBlock, accumulate: Bool = false) {
        let m = input.rowCount, k = input.columnCount, n = weight.rows
        precondition(weight.columns == k, "linear: input width \(k) ≠ weight width \(weight.columns)")
        precondition(output.rowCount == m && output.columnCount == n, "linear: output \(output.rowCount)×\(output.columnCount) ≠ \(m)×\(n)")
        guard m > 0 else { return }
        product(transposeB: true, m: m, n: n, k: k, alpha: 1, a: input.pointer, lda: input.stride,
                b: weight.base, ldb: k, beta: accumulate ? 1 : 0, c: output.pointer, ldc: output.stride)
    }

    /// output = alpha · a · bᵀ. Shapes: a [m × k], b [n × k], output [m × n].
    public static func multiplyTransposed(_ a: MatrixBlock, _ b: MatrixBlock, alpha: Float, into output: MatrixBlock) {
        let m = a.rowCount, k = a.columnCount, n = b.rowCount
        precondition(b.columnCount == k, "multiplyTransposed: widths \(k) and \(b.columnCount) differ")
        precondition(output.rowCount == m && output.columnCount == n, "multiplyTransposed: output shape mismatch")
        guard m > 0, n > 0 else { return }
        product(transposeB: true, m: m, n: n, k: k, alpha: alpha, a: a.pointer, lda: a.stride,
                b: b.pointer, ldb: b.stride, beta: 0, c: output.pointer, ldc: output.stride)
    }

    /// output = a · b. Shapes: a [m × k], b [k × n], output [m × n].
    public static func multiply(_ a: MatrixBlock, _ b: MatrixBlock, into output: MatrixBlock) {
        let m = a.rowCount, k = a.columnCount, n = b.columnCount
        precondition(b.rowCount == k, "multiply: inner sizes \(k) and \(b.rowCount) differ")
        precondition(output.rowCount == m && output.columnCount == n, "multiply: output shape mismatch")
        guard m > 0, n > 0 else { return }
        product(transposeB: false, m: m, n: n, k: k, alpha: 1, a: a.pointer, lda: a.stride,
                b: b.pointer, ldb: b.stride, beta: 0, c: output.pointer, ldc: output.stride)
    }

    /// Every product goes through here: BLAS when it passed the known-answer check, else the reference kernel.
    private static func product(
        transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        switch selection.backend {
        case .blas:
            blasProduct(transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        case .onednn:
            // oneDNN fails only on resource exhaustion here (its shapes passed the known-answer
            // check); this product then goes to BLAS when BLAS passed its check too, else to the
            // reference kernel.
            if oneDNNProduct(transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                             beta: beta, c: c, ldc: ldc) != 0 {
                if selection.blasPassed {
                    blasProduct(transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
                } else {
                    seek_sgemm_reference(transposeB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
                }
            }
        case .reference:
            seek_sgemm_reference(transposeB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
    }

    /// Row-major C = alpha·A·op(B) + beta·C through oneDNN (beta 0 or 1); 0 on success, else oneDNN's status.
    static func oneDNNProduct(
        transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) -> Int32 {
        precondition(beta == 0 || beta == 1, "oneDNN products accumulate (beta 1) or overwrite (beta 0), not beta \(beta)")
        return seek_onednn_matmul(SEEK_ONEDNN_F32, transposeB ? 1 : 0, Int64(m), Int64(n), Int64(k), alpha, a, Int64(lda),
                                  b, Int64(ldb), c, Int64(ldc), beta == 1 ? 1 : 0)
    }

    /// Row-major sgemm through the BLAS library, C = alpha·A·op(B) + beta·C.
    static func blasProduct(
        transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
