/// The steps of one encoder forward pass, as reported by the per-op profile (`seek bench embed --profile`).
public enum EncoderOperation: String, CaseIterable, Sendable, Codable {
    case embeddingLookup = "embedding_lookup"
    case qkvProjection = "qkv_gemm"
    case qkvBias = "qkv_bias"
    /// Fused per-head QKᵀ, softmax and AV (AttentionKernel).
    case attention = "attention"
    case attentionOutput = "attention_out_gemm"
    case layerNorm = "layer_norm"
    case feedForwardUp = "ffn_up_gemm"
    case gelu = "gelu"
    case feedForwardDown = "ffn_down_gemm"
    case pooling = "pooling"

    /// True for the matrix products that run through BLAS.
    public var isGEMM: Bool {
        switch self {
        case .qkvProjection, .attentionOutput, .feedForwardUp, .feedForwardDown: true
        default: false
        }
    }
}
