import SeekKernels

/// The precision asked for (`--precision`, config `embedding.precision`): a concrete
/// `ComputePrecision`, or `auto`.
///
/// `auto` picks the fastest mode that meets the fp32 accuracy bar (every embedding cosine
/// ≥ 0.9999 to the fp32 reference) on this CPU: bf16 where the CPU has AVX-512 BF16 and oneDNN
/// is present, else fp32. int8 does not meet that bar (its bar is mean ≥ 0.995, min ≥ 0.99), so
/// it is only ever chosen by name.
public enum EmbeddingPrecision: String, Sendable, Codable, CaseIterable {
    case auto, fp32, bf16, int8

    /// The mode this CPU runs for the request, and why it differs when it does (a CPU without
    /// the instructions falls back int8 → bf16 → fp32; nothing fails).
    /// `support` defaults to this process's (`PrecisionSupport.current`, probed on first use: fp32
    /// never starts oneDNN for it).
    public func resolved(support given: PrecisionSupport? = nil) -> (precision: ComputePrecision, note: String?) {
        if self == .fp32 { return (.fp32, nil) }
        let support = given ?? .current
        switch self {
        case .auto:
            return (support.supports(.bf16) ? .bf16 : .fp32, nil)
        case .fp32:
            return (.fp32, nil)
        case .bf16, .int8:
            let wanted = ComputePrecision(rawValue: rawValue)!
            if support.supports(wanted) { return (wanted, nil) }
            let fallback = ComputePrecision.allCases.filter { $0 < wanted }.last { support.supports($0) } ?? .fp32
            return (fallback, "\(wanted.rawValue) needs \(support.requirement(for: wanted)); running \(fallback.rawValue)")
        }
    }
}
