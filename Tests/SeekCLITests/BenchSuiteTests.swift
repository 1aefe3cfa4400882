import Foundation
import SeekTestSupport
import Testing

/// `seek bench suite` and `seek bench compare` on a real index of samples/notes.
struct BenchSuiteTests {
    @Test func theDefaultSuiteOnTheSampleNotesRanksWellSavesItsResultAndComparesWithAnEditedCopy() throws {
        let fixture = try CLIFixture()
        let notes = SeekBinary.packageRoot.appendingPathComponent("samples/notes").path
        let indexed = try fixture.seek("index", notes, "--in-process", "--json")
        #expect(indexed.status == 0, "\(indexed.standardError)")

        // The default queries file is found from the executable's folder (the test runs elsewhere).
        let run = try fixture.seek("bench", "suite", "--json")
        #expect(run.status == 0, "\(run.standardError)")
        let report = try run.json()
        let summaries = try #require(report["summaries"] as? [[String: Any]])
        func summary(_ mode: String, _ difficulty: String = "all") -> [String: Any]? {
            summaries.first { $0["mode"] as? String == mode && $0["difficulty"] as? String == difficulty }
        }
        let hybrid = try #require(summary("hybrid"))
        #expect((hybrid["mrr_at_10"] as? Double ?? 0) > 0.5, "hybrid MRR@10: \(hybrid)")
        let queryCount = try #require((report["queries"] as? [Any])?.count)
        #expect(queryCount >= 30)
        for mode in ["vector", "keyword", "hybrid"] {
            for difficulty in ["all", "easy", "medium", "hard", "edge"] {
                let row = try #require(summary(mode, difficulty), "no summary for \(mode)/\(difficulty)")
                #expect((row["p50_ms"] as? Double ?? -1) > 0)
                #expect((row["p95_ms"] as? Double ?? -1) >= (row["p50_ms"] as? Double ?? 0))
            }
            #expect(summary(mode)?["queries"] as? Int == queryCount)
        }
        // The punctuation-only edge query has no keyword to search: rejected with the message, not a crash.
        let queries = try #require(report["queries"] as? [[String: Any]])
        let rejected = queries.flatMap { ($0["runs"] as? [[String: Any]] ?? []).compactMap { $0["rejected"] as? String } }
        #expect(!rejected.isEmpty && rejected.allSatisfy { !$0.isEmpty })
        #expect(summary("keyword", "edge")?["rejected"] as? Int == rejected.count)
        let first = try #require(queries.first { ($0["relevant"] as? [String])?.isEmpty == false })
        let firstHybrid = try #require((first["runs"] as? [[String: Any]])?.first { $0["mode"] as? String == "hybrid" })
        let top = try #require(firstHybrid["top"] as? [String])
        #expect(top.count == 5 && top.allSatisfy { !$0.hasPrefix("/") }, "top paths are relative to the root: \(top)")

        // Saved under <index>/bench/ with the same contents.
        let savedPath = try #require(report["saved_to"] as? String)
        #expect(savedPath.hasPrefix(fixture.directory.appendingPathComponent(".seek/bench/suite-").path))
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: savedPath))) as? [String: Any])
        #expect((saved["summaries"] as? [[String: Any]])?.count == summaries.count)

        // B: the first judged query's hybrid top two swapped, and hybrid's overall p50 doubled.
        var edited = saved
        var editedQueries = queries
        let index = try #require(editedQueries.firstIndex { $0["query"] as? String == first["query"] as? String })
        var runs = try #require(editedQueries[index]["runs"] as? [[String: Any]])
        let hybridIndex = try #require(runs.firstIndex { $0["mode"] as? String == "hybrid" })
        runs[hybridIndex]["top"] = [top[1], top[0]] + top.dropFirst(2)
        editedQueries[index]["runs"] = runs
        edited["queries"] = editedQueries
        let p50 = try #require(hybrid["p50_ms"] as? Double)
        edited["summaries"] = summaries.map { row in
            var row = row
            if row["mode"] as? String == "hybrid", row["difficulty"] as? String == "all" { row["p50_ms"] = p50 * 2 }
            return row
        }
        try JSONSerialization.data(withJSONObject: edited).write(to: fixture.directory.appendingPathComponent("b.json"))

        let compared = try fixture.seek("bench", "compare", savedPath, "b.json", "--json")
        #expect(compared.status == 0, "\(compared.standardError)")
        let comparison = try compared.json()
        let changed = try #require(comparison["changed"] as? [[String: Any]])
        #expect(changed.count == 1, "\(changed)")
        #expect(changed.first?["query"] as? String == first["query"] as? String)
        #expect(changed.first?["mode"] as? String == "hybrid")
        let changes = try #require(changed.first?["changes"] as? [[String: Any]])
        #expect(changes.first?["path"] as? String == top[1])
        #expect(changes.first?["rank_a"] as? Int == 2 && changes.first?["rank_b"] as? Int == 1)
        #expect(changes.dropFirst().first?["rank_a"] as? Int == 1 && changes.dropFirst().first?["rank_b"] as? Int == 2)
        let latency = try #require((comparison["summaries"] as? [[String: Any]])?.first {
            $0["mode"] as? String == "hybrid" && $0["difficulty"] as? String == "all"
        })
        #expect(abs((latency["p50_ms_delta"] as? Double ?? 0) - p50) < 1e-9)
        #expect(latency["mrr_at_10_delta"] as? Double == 0)
        let p50Changed = (comparison["summaries"] as? [[String: Any]])?.filter { $0["p50_ms_delta"] as? Double != 0 }
        #expect(p50Changed?.count == 1, "only the edited p50 differs")
    }

    @Test func aQueriesFileWithABadLineIsAClearError() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        try fixture.scratch.write("{\"query\": \"boundary layer\", \"difficulty\": \"easy\", \"relevant\": []}\n{\"query\": \"x\", \"difficulty\": \"trivial\"}\n",
                                  to: "bad.jsonl")
        let result = try fixture.seek("bench", "suite", "--queries", "bad.jsonl", "--json")
        #expect(result.status != 0)
        #expect(result.standardError.contains("bad.jsonl:2"), "\(result.standardError)")
    }

    @Test func theDefaultSuiteOnAnIndexWithoutTheSampleFolderSaysWhatItIsFor() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let result = try fixture.seek("bench", "suite", "--json")
        #expect(result.status != 0)
        #expect(result.standardError.contains("the default suite"), "\(result.standardError)")
        #expect(result.standardError.contains("seek index samples/notes"))
    }
}
