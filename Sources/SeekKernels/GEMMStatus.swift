import Foundation

/// Which code computes `GEMM`'s products in this process, and why: reported by `seek doctor`,
/// every benchmark's `machine` and the run log.
public struct GEMMStatus: Sendable, Codable, Equatable {
    public enum Backend: String, Sendable, Codable {
        /// The BLAS library (OpenBLAS, Accelerate): it passed the known-answer check.
        case blas
        /// oneDNN's matmul primitive: it passed the known-answer check.
        case onednn
        /// Seek's plain reference kernel: every library failed the check, or it was asked for.
        case reference
    }

    public var backend: Backend
    /// What was asked for (`--gemm`, config, `SEEK_GEMM`): `auto` times the candidates.
    public var preference: GEMMPreference
    /// The BLAS library and its build configuration, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH …`.
    public var library: String
    /// The kernel set the library chose for this processor (`Zen`, `Haswell`, `SkylakeX`…), or as pinned by `OPENBLAS_CORETYPE`.
    public var coreType: String
    /// Threads BLAS may use inside one call (Seek runs it on the calling thread: 1 once encoding starts).
    public var threads: Int
    /// oneDNN's version when it is linked and starts, else nil.
    public var oneDNN: String?
    /// The instruction set oneDNN runs on this CPU (`avx512_core_bf16`…), nil without oneDNN.
    public var oneDNNISA: String?
    /// `passed`, `failed`, or `not run: <why>`, with what failed or was missing in brackets.
    public var knownAnswerCheck: String
    /// How long the check (and calibration) took, in milliseconds (0 when it did not run).
    public var checkMilliseconds: Double
    /// GFLOP/s per backend on the encoder's shapes, when `auto` timed more than one.
    public var calibrationGFLOPS: [String: Double]?
    /// The timings were read from the calibration cache rather than measured by this process.
    public var calibrationCached: Bool

    public init(backend: Backend, preference: GEMMPreference, library: String, coreType: String, threads: Int,
                oneDNN: String?, oneDNNISA: String?, knownAnswerCheck: String, checkMilliseconds: Double,
                calibrationGFLOPS: [String: Double]?, calibrationCached: Bool = false) {
        self.backend = backend
        self.preference = preference
        self.library = library
        self.coreType = coreType
        self.threads = threads
        self.oneDNN = oneDNN
        self.oneDNNISA = oneDNNISA
        self.knownAnswerCheck = knownAnswerCheck
        self.checkMilliseconds = checkMilliseconds
        self.calibrationGFLOPS = calibrationGFLOPS
        self.calibrationCached = calibrationCached
    }

    enum CodingKeys: String, CodingKey {
        case backend, preference, library, threads
        case coreType = "core_type"
        case oneDNN = "onednn"
        case oneDNNISA = "onednn_isa"
        case knownAnswerCheck = "known_answer_check"
        case checkMilliseconds = "check_ms"
        case calibrationGFLOPS = "calibration_gflops"
        case calibrationCached = "calibration_cached"
    }

    /// One line for people: `oneDNN 2.6.3 (avx512_core_bf16); OpenBLAS 0.3.21 … (core Zen), 1 thread, known-answer check passed`.
    public var summary: String {
        let using: String = switch backend {
        case .blas: ""
        case .onednn: "oneDNN \(oneDNN ?? "") (\(oneDNNISA ?? "?")) for products; "
        case .reference: ""
        }
        let fallback = backend == .reference ? "; using Seek's reference kernel" : ""
        let timing = checkMilliseconds > 0 ? String(format: " in %.2f ms", checkMilliseconds) : ""
        return "\(using)\(library) (core \(coreType)), \(threads) thread\(threads == 1 ? "" : "s"), known-answer check \(knownAnswerCheck)\(timing)\(fallback)"
    }
}
