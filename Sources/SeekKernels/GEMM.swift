import CBLAS
import Foundation

/// Matrix products through BLAS sgemm (OpenBLAS on Linux, Accelerate on macOS).
///
/// BLAS runs single-threaded inside each call: Seek parallelises across independent batches
/// (one encoder lane per thread), which keeps every core busy without BLAS's own thread pool
/// fighting the lanes.
public enum GEMM {
    /// Makes every BLAS call run on the calling thread only. Call once before encoding.
    public static func useCallingThreadOnly() {
        #if os(Linux)
        openblas_set_num_threads(1)
        #endif
    }

    /// output = input · weightᵀ, plus the previous output when `accumulate`.
    /// Shapes: input [m × k], weight [n × k] (PyTorch Linear layout: out × in), output [m × n].
    public static func linear(_ input: MatrixBlock, _ weight: WeightMatrix, into output: MatrixBlock, accumulate: Bool = false) {
        let m = input.rowCount, k = input.columnCount, n = weight.rows
        precondition(weight.columns == k, "linear: input width \(k) ≠ weight width \(weight.columns)")
        precondition(output.rowCount == m && output.columnCount == n, "linear: output \(output.rowCount)×\(output.columnCount) ≠ \(m)×\(n)")
        guard m > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, input.pointer, Int32(input.stride), weight.base, Int32(k),
                    accumulate ? 1 : 0, output.pointer, Int32(output.stride))
    }

    /// output = alpha · a · bᵀ. Shapes: a [m × k], b [n × k], output [m × n].
    public static func multiplyTransposed(_ a: MatrixBlock, _ b: MatrixBlock, alpha: Float, into output: MatrixBlock) {
        let m = a.rowCount, k = a.columnCount, n = b.rowCount
        precondition(b.columnCount == k, "multiplyTransposed: widths \(k) and \(b.columnCount) differ")
        precondition(output.rowCount == m && output.columnCount == n, "multiplyTransposed: output shape mismatch")
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a.pointer, Int32(a.stride), b.pointer, Int32(b.stride), 0, output.pointer, Int32(output.stride))
    }

    /// output = a · b. Shapes: a [m × k], b [k × n], output [m × n].
    public static func multiply(_ a: MatrixBlock, _ b: MatrixBlock, into output: MatrixBlock) {
        let m = a.rowCount, k = a.columnCount, n = b.columnCount
        precondition(b.rowCount == k, "multiply: inner sizes \(k) and \(b.rowCount) differ")
        precondition(output.rowCount == m && output.columnCount == n, "multiply: output shape mismatch")
        guard m > 0, n > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a.pointer, Int32(a.stride), b.pointer, Int32(b.stride), 0, output.pointer, Int32(output.stride))
    }
}

extension GEMM {
    /// The BLAS library in use, with its build configuration where it reports one.
    public static var libraryDescription: String {
        #if os(Linux)
        let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "\(config.trimmingCharacters(in: .whitespaces)) (core \(core))"
        #else
        return "Accelerate"
        #endif
    }
}
