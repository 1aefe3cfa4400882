import CBLAS
import Foundation

extension GEMM {
    /// The backend every product of this process uses, chosen once, on first use.
    struct Selection: Sendable {
        var backend: GEMMStatus.Backend
        var check: String
        var checkMilliseconds: Double = 0
    }

    /// `SEEK_GEMM=reference` forces the reference kernel; otherwise BLAS runs when it passes the
    /// known-answer check, and the reference kernel when it does not (never wrong embeddings).
    static let selection: Selection = {
        if ProcessInfo.processInfo.environment["SEEK_GEMM"] == "reference" {
            return Selection(backend: .reference, check: "not run: SEEK_GEMM=reference")
        }
        let started = ContinuousClock.now
        let mismatch = GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.blas)
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
        if let mismatch {
            return Selection(backend: .reference, check: "failed on core \(coreType): \(mismatch)", checkMilliseconds: milliseconds)
        }
        return Selection(backend: .blas, check: "passed", checkMilliseconds: milliseconds)
    }()

    /// Which code computes the products, the BLAS library, its core type and threads, and the check's outcome.
    public static var status: GEMMStatus {
        let selection = self.selection
        return GEMMStatus(backend: selection.backend, library: library, coreType: coreType, threads: threads,
                          knownAnswerCheck: selection.check, checkMilliseconds: selection.checkMilliseconds)
    }

    /// The BLAS library in use, with its build configuration where it reports one.
    public static var libraryDescription: String { "\(library) (core \(coreType))" }

    static var library: String {
        #if os(Linux)
        return (openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS").trimmingCharacters(in: .whitespaces)
        #else
        return "Accelerate"
        #endif
    }

    static var coreType: String {
        #if os(Linux)
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        #else
        return "Accelerate"
        #endif
    }

    static var threads: Int {
        #if os(Linux)
        return Int(openblas_get_num_threads())
        #else
        return 1
        #endif
    }
}
