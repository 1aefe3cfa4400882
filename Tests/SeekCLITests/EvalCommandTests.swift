import Foundation
import SeekTestSupport
import Testing

/// `seek eval` on a small dataset in BEIR layout made from Cranfield.
@Suite(.serialized)
struct EvalCommandTests {
    /// The first 60 Cranfield documents, and the Cranfield queries judged against them (judgments
    /// on other documents dropped).
    static func writeDataset(into fixture: CLIFixture) throws -> (folder: String, judgedQueries: Int) {
        let source = ProjectFixtures.cranfield
        let corpusLines = try String(contentsOf: source.appendingPathComponent("corpus.jsonl"), encoding: .utf8).split(separator: "\n").prefix(60)
        let ids = Set(try corpusLines.map { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["_id"] as! String })
        let qrels = try String(contentsOf: source.appendingPathComponent("qrels/test.tsv"), encoding: .utf8).split(separator: "\n")
        let kept = qrels.dropFirst().filter { line in
            let fields = line.split(separator: "\t")
            return fields.count == 3 && ids.contains(String(fields[1])) && (Int(fields[2]) ?? 0) > 0
        }
        let queryIds = Set(kept.map { String($0.split(separator: "\t")[0]) })
        try fixture.scratch.write(corpusLines.joined(separator: "\n") + "\n", to: "mini/corpus.jsonl")
        try fixture.scratch.write(String(contentsOf: source.appendingPathComponent("queries.jsonl"), encoding: .utf8), to: "mini/queries.jsonl")
        try fixture.scratch.write(([qrels[0]] + kept).joined(separator: "\n") + "\n", to: "mini/qrels/test.tsv")
        return ("mini", queryIds.count)
    }

    @Test func evaluatesEveryModeAndReusesTheCachedIndex() throws {
        let fixture = try CLIFixture()
        let (folder, judged) = try Self.writeDataset(into: fixture)
        #expect(judged >= 5)
        let environment = ["XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path,
                           "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let first = try SeekProcess.run(["eval", folder, "--json", "--in-process"], in: fixture.directory, environment: environment)
        try #require(first.status == 0, "\(first.standardError)")
        let report = try first.json()
        #expect(report["dataset"] as? String == "mini")
        #expect(report["docs"] as? Int == 60)
        #expect(report["queries"] as? Int == judged)
        let modes = try #require(report["modes"] as? [String: [String: Double]])
        #expect(Set(modes.keys) == ["vector", "keyword", "hybrid"])
        for (mode, metrics) in modes {
            #expect(Set(metrics.keys) == ["ndcg@10", "recall@100", "mrr@10"], "\(mode)")
            // 60 documents: every relevant one is within the first 100 (BM25 only ranks documents
            // sharing a word with the query), and retrieval beats chance.
            #expect((metrics["recall@100"] ?? 0) >= (mode == "keyword" ? 0.95 : 1), "\(mode)")
            #expect((metrics["ndcg@10"] ?? 0) > 0.3 && (metrics["ndcg@10"] ?? 2) <= 1, "\(mode)")
            #expect((metrics["mrr@10"] ?? 0) > 0.3 && (metrics["mrr@10"] ?? 2) <= 1, "\(mode)")
        }
        let index = try #require(report["index"] as? [String: Any])
        #expect(index["cached"] as? Bool == false)
        #expect((index["chunks"] as? Int ?? 0) >= 60)

        let second = try SeekProcess.run(["eval", folder, "--json", "--mode", "hybrid", "--in-process"], in: fixture.directory, environment: environment)
        try #require(second.status == 0, "\(second.standardError)")
        let again = try second.json()
        #expect((again["index"] as? [String: Any])?["cached"] as? Bool == true)
        #expect((again["modes"] as? [String: [String: Double]])?["hybrid"] == modes["hybrid"])
        #expect((again["modes"] as? [String: Any])?.count == 1)
    }

    @Test func rerankPRFIsReportedForEveryMode() throws {
        let fixture = try CLIFixture()
        let (folder, judged) = try Self.writeDataset(into: fixture)
        let environment = ["XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path,
                           "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let run = try SeekProcess.run(["eval", folder, "--json", "--rerank", "prf", "--in-process"], in: fixture.directory, environment: environment)
        try #require(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        #expect(report["rerank"] as? String == "prf")
        #expect(report["queries"] as? Int == judged)
        let modes = try #require(report["modes"] as? [String: [String: Double]])
        #expect(Set(modes.keys) == ["vector", "keyword", "hybrid"])
        for (mode, metrics) in modes {
            #expect((metrics["ndcg@10"] ?? 0) > 0.3 && (metrics["ndcg@10"] ?? 2) <= 1, "\(mode)")
            #expect((metrics["recall@100"] ?? 0) >= 0.95, "\(mode)")
        }
        let plain = try SeekProcess.run(["eval", folder, "--json", "--mode", "keyword", "--in-process"], in: fixture.directory, environment: environment)
        try #require(plain.status == 0, "\(plain.standardError)")
        #expect(try plain.json()["rerank"] as? String == "none")
        let bad = try SeekProcess.run(["eval", folder, "--rerank", "bert", "--in-process"], in: fixture.directory, environment: environment)
        #expect(bad.status != 0 && bad.standardError.contains("rerank"))
    }

    /// The quality table of the README ("Search quality"), reproduced by `seek eval` on the full
    /// Cranfield copy in a fresh cache: one index (1,400 documents through the real pipeline and
    /// the worker pool) serves every mode.
    @Test func cranfieldQualityMatchesTheREADME() throws {
        let fixture = try CLIFixture()
        let environment = ["XDG_CACHE_HOME": fixture.directory.appendingPathComponent("cache").path,
                           "SEEK_MODEL_DIR": try ModelLocation.testModelDirectory().path]
        let run = try SeekProcess.run(["eval", ProjectFixtures.cranfield.path, "--json", "--mode", "all"],
                                      in: fixture.directory, environment: environment)
        try #require(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        #expect(report["docs"] as? Int == 1_400)
        #expect(report["queries"] as? Int == 225)
        #expect((report["index"] as? [String: Any])?["cached"] as? Bool == false)
        let modes = try #require(report["modes"] as? [String: [String: Double]])
        let vector = try #require(modes["vector"]?["ndcg@10"])
        let hybrid = try #require(modes["hybrid"]?["ndcg@10"])
        #expect(abs(vector - 0.3917) <= 0.003, "vector nDCG@10 \(vector), README 0.3917")
        #expect(abs(hybrid - 0.4255) <= 0.003, "hybrid nDCG@10 \(hybrid), README 0.4255")
    }

    @Test func brokenDatasetsGetAClearError() throws {
        let fixture = try CLIFixture()
        try fixture.scratch.write("{\"_id\": \"1\", \"text\": \"no queries file\"}\n", to: "broken/corpus.jsonl")
        let missing = try fixture.seek("eval", "broken", "--json")
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("queries.jsonl"))
        try fixture.scratch.write("not json\n", to: "broken/queries.jsonl")
        let malformed = try fixture.seek("eval", "broken", "--json")
        #expect(malformed.status != 0)
        #expect(malformed.standardError.contains("line 1"))
        #expect(try fixture.seek("eval", "mini", "--mode", "best").status != 0)
    }
}
