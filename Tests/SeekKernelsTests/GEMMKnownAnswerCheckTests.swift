import Foundation
import SeekKernels
import Testing

struct GEMMKnownAnswerCheckTests {
    @Test func theBLASLibraryAndTheReferenceKernelBothPass() {
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.blas) == nil)
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.reference) == nil)
    }

    @Test(.enabled(if: PrecisionSupport.current.oneDNN, "oneDNN (libdnnl) is not available"))
    func oneDNNPassesInEveryPrecisionTheCPURuns() {
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: GEMMKnownAnswerCheck.oneDNN) == nil)
        for precision in [ComputePrecision.bf16, .int8] where PrecisionSupport.current.supports(precision) {
            #expect(ReducedPrecisionCheck.firstMismatch(precision) == nil, "\(precision)")
        }
        #expect(PrecisionSupport.current.failedChecks.isEmpty)
    }

    @Test func aProductWrongInOneElementIsCaughtAndNamed() throws {
        // A kernel that loses the last column of wide products, as a broken tail kernel would.
        let broken: GEMMKnownAnswerCheck.Product = { problem, a, b, c in
            var result = GEMMKnownAnswerCheck.blas(problem, a, b, c)
            if problem.m > 30 { result[result.count - 1] += 1 }
            return result
        }
        let mismatch = try #require(GEMMKnownAnswerCheck.firstMismatch(using: broken))
        #expect(mismatch.hasPrefix("37×384 · (45×384)ᵀ"), "\(mismatch)")
        #expect(mismatch.contains("element (36, 44)"), "\(mismatch)")
        // Off by a rounding error is not a fault; a wrong count of results is.
        let sloppy: GEMMKnownAnswerCheck.Product = { problem, a, b, c in
            GEMMKnownAnswerCheck.reference(problem, a, b, c).map { $0 * (1 + 1e-6) }
        }
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: sloppy) == nil)
        let short: GEMMKnownAnswerCheck.Product = { problem, a, b, c in Array(GEMMKnownAnswerCheck.reference(problem, a, b, c).dropLast()) }
        #expect(GEMMKnownAnswerCheck.firstMismatch(using: short)?.contains("results for") == true)
    }

    @Test func thisProcessUsesACheckedLibrary() throws {
        try #require(ProcessInfo.processInfo.environment["SEEK_GEMM"] == nil, "SEEK_GEMM is set for this run")
        let status = GEMM.status
        #expect(status.backend != .reference && status.knownAnswerCheck.hasPrefix("passed"), "\(status.summary)")
        #expect(status.preference == .auto)
        // Where both libraries passed, `auto` timed them and took the faster.
        if let calibration = status.calibrationGFLOPS, calibration.count == 2 {
            #expect(calibration[status.backend.rawValue] == calibration.values.max())
        }
        #expect(!status.coreType.isEmpty && status.threads >= 1 && status.checkMilliseconds > 0)
        #expect(status.summary.contains("known-answer check passed"))
    }

    /// The reference kernel against a plain loop on random shapes and strides (it is the fallback: it must be right).
    @Test func theReferenceKernelMatchesBLASOnRandomShapes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let transposeB = Bool.random(using: &generator)
            let problem = GEMMKnownAnswerCheck.Case(
                transposeB: transposeB, m: Int.random(in: 1...40, using: &generator), n: Int.random(in: 1...40, using: &generator),
                k: Int.random(in: 1...70, using: &generator), alpha: 0.5, beta: transposeB ? 1 : 0)
            let a = (0..<(problem.m * problem.k)).map { _ in Float.random(in: -1...1, using: &generator) }
            let b = (0..<(problem.n * problem.k)).map { _ in Float.random(in: -1...1, using: &generator) }
            let c = (0..<(problem.m * problem.n)).map { _ in Float.random(in: -1...1, using: &generator) }
            let fromBLAS = GEMMKnownAnswerCheck.blas(problem, a, b, c)
            let fromReference = GEMMKnownAnswerCheck.reference(problem, a, b, c)
            for (x, y) in zip(fromBLAS, fromReference) { #expect(abs(x - y) <= 1e-4, "\(problem)") }
        }
    }
}
