import Dispatch
import Foundation
import SeekEngine
import SeekTestSupport
import Testing
import SeekCore

struct RunLogTests {
    @Test func concurrentAppendsNeverInterleave() throws {
        let scratch = try TemporaryDirectory("seek-runlog")
        defer { scratch.remove() }
        let log = RunLog(directory: scratch.url.appendingPathComponent("index"))
        let writers = 8, perWriter = 50
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for index in 0..<perWriter {
                // A long operation name makes each line several kilobytes: torn writes would show.
                let record = RunRecord(operation: "writer \(writer) " + String(repeating: "x", count: 4000), chunks: index)
                try? log.append(record)
            }
        }
        let records = try log.read()
        #expect(records.count == writers * perWriter)
        for writer in 0..<writers {
            let chunks = records.filter { $0.operation.hasPrefix("writer \(writer) ") }.map(\.chunks)
            #expect(chunks == Array(0..<perWriter), "writer \(writer)'s lines are in order and complete")
        }
    }

    @Test func unreadableLinesAreSkippedAndATornLineDoesNotSwallowTheNextRecord() throws {
        let scratch = try TemporaryDirectory("seek-runlog")
        defer { scratch.remove() }
        let log = RunLog(directory: scratch.url)
        #expect(try log.read().isEmpty)
        let first = RunRecord(timestamp: Date(timeIntervalSince1970: 1_700_000_000), operation: "index", filesProcessed: 3, peakRSSMB: 12.5)
        try log.append(first)
        let handle = try FileHandle(forWritingTo: log.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n{\"timestamp\":\"2025-05-01T09:3".utf8))
        try handle.close()
        #expect(try log.read() == [first])

        let second = RunRecord(timestamp: Date(timeIntervalSince1970: 1_700_000_060), operation: "bench embed", tokens: 42, peakRSSMB: 20)
        try log.append(second)
        #expect(try log.read() == [first, second])
    }

    @Test func aRecordFromAnIndexingReportCarriesItsCounts() throws {
        var report = IndexingReport()
        report.filesIndexed = 5
        report.filesFailed = 1
        report.filesSkipped = 2
        report.filesUnchanged = 10
        report.chunks = 40
        report.chunksEmbedded = 30
        report.cacheHits = 10
        report.tokens = 5000
        report.seconds = 2
        report.tokensPerSecond = 2500
        report.stageSeconds = [.scan: 0.1, .parse: 0.2, .chunk: 0.3, .embed: 1.5, .write: 0.4]
        let record = RunRecord(report: report, timestamp: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(record.operation == "index")
        #expect(record.filesProcessed == 8 && record.filesFailed == 1)
        #expect(record.chunks == 40 && record.chunksEmbedded == 30 && record.cacheHits == 10 && record.tokens == 5000)
        #expect(record.stageSeconds == RunRecord.StageSeconds(scan: 0.1, parse: 0.2, chunk: 0.3, embed: 1.5, write: 0.4))
        #expect(record.peakRSSMB > 0)

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(record)) as? [String: Any])
        #expect(Set(object.keys) == ["timestamp", "operation", "version", "files_processed", "files_failed", "chunks", "chunks_embedded",
                                     "cache_hits", "tokens", "seconds", "tokens_per_s", "stage_seconds", "peak_rss_mb", "blas"])
        #expect(object["timestamp"] as? String == "2023-11-14T22:13:20Z")
        #expect(try JSONDecoder().decode(RunRecord.self, from: encoder.encode(record)) == record)
        #expect(record.precision == nil)

        // The precision of the run's vectors, when the report has it, goes into the record.
        report.embedder = EmbedderSummary(backend: .pool, workers: 2, threadsPerWorker: 1, precision: "bf16")
        let withPrecision = RunRecord(report: report, timestamp: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(withPrecision.precision == "bf16")
        let encoded = try #require(try JSONSerialization.jsonObject(with: encoder.encode(withPrecision)) as? [String: Any])
        #expect(encoded["precision"] as? String == "bf16")
        #expect(try JSONDecoder().decode(RunRecord.self, from: encoder.encode(withPrecision)) == withPrecision)

        // A run that stopped early says why; a finished one has no such key.
        #expect(encoded["stopped_by"] == nil)
        var stopped = withPrecision
        stopped.stoppedBy = "interrupted"
        let stoppedObject = try #require(try JSONSerialization.jsonObject(with: encoder.encode(stopped)) as? [String: Any])
        #expect(stoppedObject["stopped_by"] as? String == "interrupted")
        #expect(try JSONDecoder().decode(RunRecord.self, from: encoder.encode(stopped)) == stopped)
    }
}
