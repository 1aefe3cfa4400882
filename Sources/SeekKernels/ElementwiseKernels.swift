import CSeekKernels

/// Row-wise elementwise kernels of the transformer (vectorised in C with AVX2/FMA where the CPU
/// has it): bias, exact-erf GELU, softmax and LayerNorm, each over a `MatrixBlock` in place.
public enum ElementwiseKernels {
    /// True when the AVX2+FMA paths are in use.
    public static var usesAVX2: Bool { seek_kernels_uses_avx2() != 0 }

    /// The widest path Seek's own kernels (softmax, GELU, attention, conversions) take on this CPU,
    /// for benchmarks to print: `avx512_bf16` (the AVX-512 paths, and bf16 attention products in
    /// the bf16 and int8 modes), `avx512`, `avx2` (AVX2 + FMA) or `scalar`.
    public static var instructionSet: String {
        if seek_cpu_has_avx512() != 0 { return AttentionKernel.runsBF16(headSize: 32) ? "avx512_bf16" : "avx512" }
        return usesAVX2 ? "avx2" : "scalar"
    }

    /// block += bias (broadcast over rows).
    public static func addBias(_ block: MatrixBlock, _ bias: WeightMatrix) {
        precondition(bias.count == block.columnCount, "addBias: bias of \(bias.count) for width \(block.columnCount)")
        seek_bias_add_rows(block.pointer, block.rowCount, block.columnCount, block.stride, bias.base)
    }

    /// block = gelu(block + bias), exact erf form.
    public static func biasGELU(_ block: MatrixBlock, bias: WeightMatrix?) {
        if let bias { precondition(bias.count == block.columnCount, "biasGELU: bias width mismatch") }
        seek_bias_gelu_rows(block.pointer, block.rowCount, block.columnCount, block.stride, bias?.base)
    }

    /// Softmax of each row.
    public static func softmaxRows(_ block: MatrixBlock) {
        seek_softmax_rows(block.pointer, block.rowCount, block.columnCount, block.stride)
    }

    /// block = LayerNorm(block + bias) · gamma + beta, per row.
    public static func layerNorm(_ block: MatrixBlock, bias: WeightMatrix?, gamma: WeightMatrix, beta: WeightMatrix, epsilon: Float) {
        let width = block.columnCount
        precondition(gamma.count == width && beta.count == width, "layerNorm: gamma/beta width mismatch")
        if let bias { precondition(bias.count == width, "layerNorm: bias width mismatch") }
        seek_layer_norm_rows(block.pointer, block.rowCount, width, block.stride, bias?.base, gamma.base, beta.base, epsilon)
    }

    /// Elementwise exp (tests and benchmarks of the vectorised exp).
    public static func exp(_ values: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in seek_exp(x.baseAddress, y.baseAddress, values.count) }
        }
        return result
    }

    /// Elementwise erf (tests and benchmarks of the vectorised erf).
    public static func erf(_ values: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { x in
            result.withUnsafeMutableBufferPointer { y in seek_erf(x.baseAddress, y.baseAddress, values.count) }
        }
        return result
    }
}
