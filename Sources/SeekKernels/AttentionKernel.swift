import CSeekKernels

/// Multi-head scaled dot-product self-attention of one sequence, fused in C (AVX2 where available):
/// scores, softmax and the weighted sum of values per head, without an L × L score matrix.
public enum AttentionKernel {
    /// Workspace floats needed for a sequence of `length` tokens.
    public static func workspaceFloats(length: Int, headSize: Int) -> Int {
        seek_attention_workspace_floats(length, headSize)
    }

    /// True when `selfAttention(…, bf16: true)` runs bf16 products on this CPU (AVX-512 BF16);
    /// elsewhere it runs the fp32 kernel.
    public static func runsBF16(headSize: Int) -> Bool { seek_attention_runs_bf16(headSize) != 0 }

    /// context_h = softmax(scale · Q_h K_hᵀ) V_h for every head h, no mask.
    /// Shapes: qkv [L × 3·heads·headSize] laid out [Q | K | V]; context [L × heads·headSize].
    /// With `bf16`, Q, K, V and the probabilities are rounded to bf16 and the products summed in
    /// fp32 (scores and softmax stay fp32) where the CPU has AVX-512 BF16 (`runsBF16`).
    public static func selfAttention(qkv: MatrixBlock, heads: Int, headSize: Int, scale: Float,
                                     into context: MatrixBlock, workspace: FloatMatrix, bf16: Bool = false) {
        let length = qkv.rowCount, width = heads * headSize
        precondition(qkv.columnCount == 3 * width, "selfAttention: qkv width \(qkv.columnCount) ≠ 3 × \(width)")
        precondition(context.rowCount == length && context.columnCount == width, "selfAttention: context shape mismatch")
        precondition(workspace.rows * workspace.columns >= workspaceFloats(length: length, headSize: headSize),
                     "selfAttention: workspace too small for \(length) tokens")
        guard length > 0 else { return }
        if bf16 {
            seek_attention_bf16(qkv.pointer, qkv.stride, length, heads, headSize, scale, context.pointer, context.stride, workspace.base)
        } else {
            seek_attention(qkv.pointer, qkv.stride, length, heads, headSize, scale, context.pointer, context.stride, workspace.base)
        }
    }
}
