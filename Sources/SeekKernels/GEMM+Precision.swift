import CSeekKernels
import CSeekOneDNN

extension GEMM {
    /// output = input · weightᵀ (+ output when `accumulate`) in the weight's precision.
    /// Shapes: input [m × k] fp32, weight [n × k], output [m × n] fp32.
    ///
    /// - fp32: `linear(_:_:into:accumulate:)` (the selected backend).
    /// - bf16: input rounded to bf16 in `scratch`, oneDNN bf16 matmul with fp32 accumulation,
    ///   written (or added) straight into `output`.
    /// - int8: input quantised per row (token) to int8 in `scratch`, oneDNN s8·s8 → s32 matmul,
    ///   then output (+)= acc · rowScale[token] · weightScale[feature].
    /// - Throws: `KernelError.oneDNNFailed` when oneDNN cannot compute a reduced product.
    public static func linear(_ input: MatrixBlock, _ weight: LinearWeights, into output: MatrixBlock, accumulate: Bool = false,
                              scratch: ReducedActivations) throws {
        let m = input.rowCount, k = input.columnCount, n = weight.rows
        precondition(weight.columns == k, "linear: input width \(k) ≠ weight width \(weight.columns)")
        precondition(output.rowCount == m && output.columnCount == n, "linear: output \(output.rowCount)×\(output.columnCount) ≠ \(m)×\(n)")
        guard m > 0 else { return }
        switch weight.precision {
        case .fp32:
            linear(input, weight.fp32!, into: output, accumulate: accumulate)
        case .bf16:
            scratch.reserve(byteCount: m * k * 2, resultCount: 0, rowCount: 0)
            let converted = scratch.bytes.assumingMemoryBound(to: UInt16.self)
            seek_f32_to_bf16(input.pointer, m, k, input.stride, converted)
            let status = seek_onednn_matmul(SEEK_ONEDNN_BF16, 1, Int64(m), Int64(n), Int64(k), 1, converted, Int64(k),
                                            weight.reducedPointer, Int64(k), output.pointer, Int64(output.stride), accumulate ? 1 : 0)
            guard status == 0 else { throw KernelError.oneDNNFailed(status: status, precision: .bf16, shape: "\(m)×\(k)·(\(n)×\(k))ᵀ") }
        case .int8:
            scratch.reserve(byteCount: m * k, resultCount: m * n, rowCount: m)
            let quantised = scratch.bytes.assumingMemoryBound(to: Int8.self)
            weight.inputMultipliers.withOptionalBuffer { multipliers in
                seek_quantize_rows_s8(input.pointer, m, k, input.stride, multipliers, quantised, scratch.rowScales)
            }
            let status = seek_onednn_matmul(SEEK_ONEDNN_S8, 1, Int64(m), Int64(n), Int64(k), 1, quantised, Int64(k),
                                            weight.reducedPointer, Int64(k), scratch.results, Int64(n), 0)
            guard status == 0 else { throw KernelError.oneDNNFailed(status: status, precision: .int8, shape: "\(m)×\(k)·(\(n)×\(k))ᵀ") }
            weight.rowScales.withUnsafeBufferPointer { weightScales in
                seek_dequantize_s32(scratch.results, m, n, scratch.rowScales, weightScales.baseAddress!, output.pointer, output.stride,
                                    accumulate ? 1 : 0)
            }
        }
    }
}
