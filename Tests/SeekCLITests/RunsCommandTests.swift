import Foundation
import SeekTestSupport
import Testing

/// `seek runs` and the run log every `seek index` appends to.
@Suite(.serialized)
struct RunsCommandTests {
    @Test func everyIndexRunAppendsOneLineWithItsCounts() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<8)
        try fixture.scratch.write("# Notes\n\nWind tunnel notes on lift and drag.", to: "docs/notes.md")
        let first = try fixture.seek("index", "docs", "--in-process", "--json")
        #expect(first.status == 0, "\(first.standardError)")
        let report = try first.json()

        let log = fixture.directory.appendingPathComponent(".seek/runs.jsonl")
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["operation"] as? String == "index")
        #expect(!((record["version"] as? String) ?? "").isEmpty)
        let timestamp = try #require(record["timestamp"] as? String)
        #expect(ISO8601DateFormatter().date(from: timestamp) != nil && timestamp.hasSuffix("Z"))
        #expect(record["files_processed"] as? Int == 9)
        #expect(record["files_failed"] as? Int == 0)
        for key in ["chunks", "chunks_embedded", "cache_hits", "tokens"] {
            #expect(record[key] as? Int == report[key] as? Int, "\(key)")
        }
        #expect((record["chunks"] as? Int ?? 0) >= 9)
        #expect((record["tokens_per_s"] as? Double ?? 0) > 0)
        #expect((record["seconds"] as? Double ?? 0) > 0)
        #expect((record["peak_rss_mb"] as? Double ?? 0) > 10)
        // The run log says which BLAS core computed the embeddings and that it passed its known-answer check.
        #expect((record["blas"] as? String ?? "").contains("known-answer check passed"))
        let stages = try #require(record["stage_seconds"] as? [String: Double])
        #expect(Set(stages.keys) == ["scan", "parse", "chunk", "embed", "write"])
        #expect((stages["embed"] ?? 0) > 0)

        let second = try fixture.seek("index", "--in-process", "--json")
        #expect(second.status == 0, "\(second.standardError)")
        let newest = try fixture.seek("runs", "--json", "--last", "1").jsonArray()
        #expect(newest.count == 1)
        #expect(newest.first?["files_processed"] as? Int == 0)
        #expect(newest.first?["chunks_embedded"] as? Int == 0)
        #expect(newest.first?["operation"] as? String == "index")
        let all = try fixture.seek("runs", "--json").jsonArray()
        #expect(all.map { $0["chunks"] as? Int } == [record["chunks"] as? Int, 0])
        #expect(try fixture.seek("runs", "--last", "0").status != 0)
    }

    /// With the worker pool, the run's peak RSS is the parent's plus every worker's peak, each
    /// listed beside it.
    @Test func aPoolRunCountsTheWorkersPeakMemory() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<40)
        let run = try fixture.seek("index", "docs", "--workers", "2", "--json")
        try #require(run.status == 0, "\(run.standardError)")
        let record = try #require(try fixture.seek("runs", "--json", "--last", "1").jsonArray().first)
        let processes = try #require(record["processes"] as? [[String: Any]], "no per-process figures in \(record)")
        #expect(processes.map { $0["role"] as? String } == ["parent", "worker", "worker"])
        let peaks = processes.map { $0["peak_rss_mb"] as? Double ?? 0 }
        #expect(processes.allSatisfy { ($0["pid"] as? Int ?? 0) > 0 })
        #expect(Set(processes.map { $0["pid"] as? Int ?? 0 }).count == 3)
        // A worker holds the model (about 90 MB of weights): its peak is well above nothing.
        #expect(peaks.dropFirst().allSatisfy { $0 > 50 }, "\(peaks)")
        let total = try #require(record["peak_rss_mb"] as? Double)
        #expect(abs(total - peaks.reduce(0, +)) < 0.01, "peak_rss_mb \(total) is not the sum of \(peaks)")
        #expect(total > peaks[0] + 100)
    }

    @Test func aTornLastLineIsSkippedAndTheNextRunStillLogs() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let log = fixture.directory.appendingPathComponent(".seek/runs.jsonl")
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"timestamp\":\"2025-05-01T09:3".utf8))
        try handle.close()

        let afterTear = try fixture.seek("runs", "--json")
        #expect(afterTear.status == 0, "\(afterTear.standardError)")
        #expect(try afterTear.jsonArray().count == 1)
        #expect(afterTear.standardError.contains("skipping an unreadable run log line"))

        try fixture.scratch.write("A new note about supersonic flow.", to: "docs/new.txt")
        #expect(try fixture.seek("index", "--in-process", "--json").status == 0)
        let records = try fixture.seek("runs", "--json").jsonArray()
        #expect(records.count == 2)
        #expect(records.last?["files_processed"] as? Int == 1)
    }
}
