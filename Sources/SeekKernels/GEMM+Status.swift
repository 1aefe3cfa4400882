import CBLAS
import Foundation

extension GEMM {
    /// The backend every product of this process uses, chosen once, on first use.
    struct Selection: Sendable {
        var backend: GEMMStatus.Backend
        var check: String
    }

    /// `SEEK_GEMM=reference` forces the reference kernel; otherwise BLAS runs when it passes the
    /// known-answer check, and the reference kernel when it does not (never wrong embeddings).
    static let selection: Selection = {
        if ProcessInfo.processInfo.environment["SEEK_GEMM"] == "reference" {
            return Selection(backend: .reference, check: "not run: SEEK_GEMM=reference")
        }
        if let mismatch = GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.blas) {
            return Selection(backend: .reference, check: "failed on core \(coreType): \(mismatch)")
        }
        return Selection(backend: .blas, check: "passed")
    }()

    /// Which code computes the products, the BLAS library, its core type and threads, and the check's outcome.
    public static var status: GEMMStatus {
        let selection = self.selection
        return GEMMStatus(backend: selection.backend, library: library, coreType: coreType, threads: threads,
                          knownAnswerCheck: selection.check)
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
