import Foundation
import SeekTestSupport
import Testing

/// `seek bench rerank`: quality and stage latencies per reranking mode on a small BEIR dataset,
/// the added latency on a small synthetic index, saved under `<index>/bench/`.
struct BenchRerankCommandTests {
    @Test func reportsEveryModeWithStageLatenciesAndSavesTheReport() throws {
        let fixture = try CLIFixture()
        let (folder, judged) = try EvalCommandTests.writeDataset(into: fixture)
        let environment = ["XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path,
                           "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let run = try SeekProcess.run(["bench", "rerank", folder, "--modes", "none,prf", "--latency-chunks", "200", "--json"],
                                      in: fixture.directory, environment: environment)
        try #require(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        #expect(report["dataset"] as? String == "mini" && report["queries"] as? Int == judged)
        #expect(report["search_mode"] as? String == "hybrid" && report["depth"] as? Int == 100)
        #expect(report["machine"] is [String: Any])
        let modes = try #require(report["modes"] as? [[String: Any]])
        #expect(modes.map { $0["rerank"] as? String } == ["none", "prf"])
        for row in modes {
            #expect((row["ndcg@10"] as? Double ?? 0) > 0.3, "\(row)")
            let first = try #require(row["first_stage_ms"] as? [String: Double])
            let rerank = try #require(row["rerank_ms"] as? [String: Double])
            #expect((first["p50"] ?? 0) > 0 && (first["p95"] ?? 0) >= (first["p50"] ?? 0))
            #expect(row["rerank"] as? String == "none" ? rerank["p50"] == 0 : (rerank["p50"] ?? 0) > 0)
        }
        let latency = try #require(report["latency_index"] as? [String: Any])
        #expect(latency["chunks"] as? Int == 200)
        let latencyModes = try #require(latency["modes"] as? [String: [String: Any]])
        #expect(Set(latencyModes.keys) == ["none", "prf"])
        #expect(latencyModes["none"]?["added_p50_ms"] as? Double == 0)
        let saved = try #require(report["saved_to"] as? String)
        #expect(saved.contains("/bench/rerank-") && FileManager.default.fileExists(atPath: saved))

        // A second report, compared with the first: same quality (deterministic), latencies of both.
        let second = try SeekProcess.run(["bench", "rerank", folder, "--modes", "prf", "--latency-chunks", "0", "--json"],
                                         in: fixture.directory, environment: environment)
        try #require(second.status == 0, "\(second.standardError)")
        let secondSaved = try #require(try second.json()["saved_to"] as? String)
        let compared = try SeekProcess.run(["bench", "compare", saved, secondSaved, "--json"], in: fixture.directory, environment: environment)
        try #require(compared.status == 0, "\(compared.standardError)")
        let comparison = try compared.json()
        #expect(comparison["dataset"] as? String == "mini")
        #expect(comparison["only_in_a"] as? [String] == ["none"] && comparison["only_in_b"] as? [String] == [])
        let prf = try #require((comparison["modes"] as? [[String: Any]])?.first)
        #expect(prf["rerank"] as? String == "prf")
        let ndcg = try #require(prf["ndcg@10"] as? [String: Double])
        #expect(ndcg["delta"] == 0 && (ndcg["a"] ?? 0) > 0.3)
        #expect(((prf["total_p50_ms"] as? [String: Double])?["b"] ?? 0) > 0)
        let notAReport = try SeekProcess.run(["bench", "compare", saved, folder + "/queries.jsonl"], in: fixture.directory, environment: environment)
        #expect(notAReport.status != 0)

        let bad = try SeekProcess.run(["bench", "rerank", folder, "--modes", "none,bert", "--latency-chunks", "0"],
                                      in: fixture.directory, environment: environment)
        #expect(bad.status != 0 && bad.standardError.contains("bert"))
    }
}
