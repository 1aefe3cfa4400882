import CSeekOneDNN

/// What this process can run fast: whether oneDNN is present and which of its instruction sets
/// the CPU has. bf16 needs AVX-512 BF16 (or AMX), int8 needs VNNI (AVX-512 or AVX2); without
/// them a precision falls back to fp32 rather than run oneDNN's other paths. Measured on a
/// 2-core AVX2 EPYC without VNNI (oneDNN 2.6.3, one thread, 512 × 384 · (1,536 × 384)ᵀ): the s8·s8
/// product ran at the fp32 product's speed (54.6 against 54.4 G(FL)OP/s) and was wrong for
/// full-range int8 inputs (785,626 of 786,432 outputs: `vpmaddubsw` saturates pairs of u8·s8 products in
/// 16 bits), so int8 there would be slower than fp32 once quantisation is paid, and inexact.
public struct PrecisionSupport: Sendable, Equatable, Codable {
    /// oneDNN is linked and its CPU engine started.
    public var oneDNN: Bool
    /// oneDNN's effective ISA bits (`dnnl_cpu_isa_t`), 0 without oneDNN.
    public var isaBits: UInt32

    /// Precisions whose oneDNN products failed their known-answer check, with the mismatch.
    public var failedChecks: [ComputePrecision: String]

    public init(oneDNN: Bool, isaBits: UInt32, failedChecks: [ComputePrecision: String] = [:]) {
        self.oneDNN = oneDNN
        self.isaBits = isaBits
        self.failedChecks = failedChecks
    }

    /// This process's support, probed once: the instructions oneDNN found, and the known-answer
    /// check of each reduced precision the CPU has (`ReducedPrecisionCheck`, well under a millisecond).
    public static let current: PrecisionSupport = {
        var support = PrecisionSupport(oneDNN: seek_onednn_available() != 0, isaBits: UInt32(seek_onednn_isa()))
        for precision in [ComputePrecision.bf16, .int8] where support.hasInstructions(for: precision) {
            if let mismatch = ReducedPrecisionCheck.firstMismatch(precision) { support.failedChecks[precision] = mismatch }
        }
        return support
    }()

    static let vnniBit: UInt32 = 0x40, bf16Bit: UInt32 = 0x80, amxBit: UInt32 = 0x200, avx2VNNIBit: UInt32 = 0x400

    /// The CPU has the instructions, oneDNN runs them, and their products passed the check.
    public func supports(_ precision: ComputePrecision) -> Bool {
        hasInstructions(for: precision) && failedChecks[precision] == nil
    }

    func hasInstructions(for precision: ComputePrecision) -> Bool {
        switch precision {
        case .fp32: return true
        case .bf16: return oneDNN && isaBits & (Self.bf16Bit | Self.amxBit) != 0
        case .int8: return oneDNN && isaBits & (Self.vnniBit | Self.avx2VNNIBit | Self.amxBit) != 0
        }
    }

    /// What `precision` needs, in words (for fallback messages).
    public func requirement(for precision: ComputePrecision) -> String {
        if hasInstructions(for: precision), let mismatch = failedChecks[precision] {
            return "oneDNN \(precision.rawValue) products that pass the known-answer check (failed: \(mismatch))"
        }
        let engine = oneDNN ? "" : "oneDNN (libdnnl) and "
        switch precision {
        case .fp32: return "nothing"
        case .bf16: return engine + "a CPU with AVX-512 BF16 or AMX"
        case .int8: return engine + "a CPU with VNNI (AVX-512 or AVX2)"
        }
    }

    /// oneDNN's name for the instruction set it runs, e.g. `avx512_core_bf16`; `none` without oneDNN.
    public var isaName: String {
        guard oneDNN else { return "none" }
        switch isaBits {
        case 0x3e7: return "avx512_core_amx"
        case 0xe7: return "avx512_core_bf16"
        case 0x67: return "avx512_core_vnni"
        case 0x27: return "avx512_core"
        case 0x407: return "avx2_vnni"
        case 0x7: return "avx2"
        case 0x3: return "avx"
        case 0x1: return "sse41"
        default: return "isa 0x" + String(isaBits, radix: 16)
        }
    }

    /// oneDNN's version, e.g. `2.6.3 (abcdef01)`; empty without oneDNN.
    public static var oneDNNVersion: String { String(cString: seek_onednn_version()) }
}
