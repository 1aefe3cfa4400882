/// The number format the encoder's linear layers compute in. Everything else (embedding lookup,
/// LayerNorm, softmax, GELU, residuals, attention, pooling) always runs in fp32.
///
/// - `fp32`: exact (cosine ≥ 0.9999 to PyTorch).
/// - `bf16`: weights and activations rounded to bfloat16 (8-bit mantissa), products accumulated
///   in fp32; needs AVX-512 BF16 (or AMX) to be fast.
/// - `int8`: weights quantised per output channel, activations per token (symmetric, dynamic),
///   int32 accumulation (VNNI), with SmoothQuant's per-channel smoothing calibrated at model load
///   so that outlier channels (up to ~100× their RMS) do not take every token's range.
public enum ComputePrecision: String, Sendable, Codable, CaseIterable, Comparable {
    case fp32, bf16, int8

    /// Slower-but-closer first: fp32 < bf16 < int8.
    public static func < (lhs: ComputePrecision, rhs: ComputePrecision) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
