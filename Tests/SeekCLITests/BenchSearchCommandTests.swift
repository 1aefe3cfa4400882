import Foundation
import SeekTestSupport
import Testing

/// `seek bench search`: the scan benchmark and the end-to-end latencies on a synthetic index.
struct BenchSearchCommandTests {
    @Test func reportsScanWarmAndColdLatencies() throws {
        let fixture = try CLIFixture()
        let environment = ["XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path,
                           "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let result = try SeekProcess.run(["bench", "search", "--vectors", "600", "--queries", "10", "--json"],
                                         in: fixture.directory, environment: environment)
        try #require(result.status == 0, "\(result.standardError)")
        let report = try result.json()
        #expect(report["vectors"] as? Int == 600 && report["dim"] as? Int == 384)
        // Every benchmark says what it ran on: the kernels' path and the BLAS core that ran.
        let machine = try #require(report["machine"] as? [String: Any])
        #expect(["avx512_bf16", "avx512", "avx2", "scalar"].contains(machine["kernels"] as? String ?? ""))
        #expect((machine["blas"] as? String ?? "").contains("core "))
        #expect((machine["cores"] as? Int ?? 0) >= 1)
        let exact = try #require(report["exact_f32"] as? [String: Double])
        let approximate = try #require(report["int8_rescore"] as? [String: Double])
        #expect((exact["p50_ms"] ?? 0) > 0 && (exact["p95_ms"] ?? 0) >= (exact["p50_ms"] ?? 0))
        #expect(approximate["recall@10"] == 1)
        let endToEnd = try #require(report["end_to_end"] as? [String: Any])
        #expect(endToEnd["chunks"] as? Int == 600)
        let warm = try #require(endToEnd["warm"] as? [String: [String: Double]])
        #expect(Set(warm.keys) == ["vector", "keyword", "hybrid"])
        #expect(warm.values.allSatisfy { ($0["p50_ms"] ?? 0) > 0 })
        let cold = try #require(endToEnd["cold_cli"] as? [String: Any])
        #expect(cold["runs"] as? Int == 5 && (cold["p50_ms"] as? Double ?? 0) > 0)
        // The synthetic index is built once, then reused.
        #expect((endToEnd["index_build_seconds"] as? Double ?? 0) > 0)
        let again = try SeekProcess.run(["bench", "search", "--vectors", "600", "--queries", "10", "--json"],
                                        in: fixture.directory, environment: environment)
        #expect(((try again.json())["end_to_end"] as? [String: Any])?["index_build_seconds"] as? Double == 0)

        let scanOnly = try SeekProcess.run(["bench", "search", "--vectors", "300", "--queries", "5", "--scan-only", "--json"],
                                           in: fixture.directory, environment: environment)
        #expect(try scanOnly.json()["end_to_end"] == nil)
    }
}
