import Foundation

/// Which code computes `GEMM`'s products in this process, and why: reported by `seek doctor`,
/// every benchmark's `machine` and the run log.
public struct GEMMStatus: Sendable, Codable, Equatable {
    public enum Backend: String, Sendable, Codable {
        /// The BLAS library (OpenBLAS, Accelerate): it passed the known-answer check.
        case blas
        /// Seek's plain reference kernel: the BLAS library failed the check, or `SEEK_GEMM=reference`.
        case reference
    }

    public var backend: Backend
    /// The BLAS library and its build configuration, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH …`.
    public var library: String
    /// The kernel set the library chose for this processor (`Zen`, `Haswell`, `SkylakeX`…), or as pinned by `OPENBLAS_CORETYPE`.
    public var coreType: String
    /// Threads BLAS may use inside one call (Seek runs it on the calling thread: 1 once encoding starts).
    public var threads: Int
    /// `passed`, `failed: <the first wrong product>`, or `not run: <why>`.
    public var knownAnswerCheck: String
    /// How long the check took, in milliseconds (0 when it did not run).
    public var checkMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case backend, library, threads
        case coreType = "core_type"
        case knownAnswerCheck = "known_answer_check"
        case checkMilliseconds = "check_ms"
    }

    /// One line for people: `OpenBLAS 0.3.21 … (core Zen), 1 thread, known-answer check passed`.
    public var summary: String {
        let using = backend == .blas ? "" : "; using Seek's reference kernel"
        let timing = checkMilliseconds > 0 ? String(format: " in %.2f ms", checkMilliseconds) : ""
        return "\(library) (core \(coreType)), \(threads) thread\(threads == 1 ? "" : "s"), known-answer check \(knownAnswerCheck)\(timing)\(using)"
    }
}
