import Foundation
import SeekBench
import SeekSearch
import Testing

struct SearchBenchmarkTests {
    @Test func smallRunReportsTheDocumentedJSON() throws {
        let report = try SearchBenchmark(configuration: .init(vectors: 3_000, dimension: 64, queries: 12, warmupQueries: 1, threads: 2)).run()
        #expect(report.vectors == 3_000 && report.dimension == 64)
        #expect(report.int8Rescore.recall == 1)
        #expect(report.exactFloat32.p50Milliseconds > 0 && report.exactFloat32.p95Milliseconds >= report.exactFloat32.p50Milliseconds)
        #expect(report.int8Rescore.p50Milliseconds > 0 && report.int8Rescore.p95Milliseconds >= report.int8Rescore.p50Milliseconds)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        #expect(Set(object.keys) == ["vectors", "dim", "exact_f32", "int8_rescore"])
        #expect(Set((object["exact_f32"] as? [String: Any])?.keys ?? [:].keys) == ["p50_ms", "p95_ms"])
        #expect(Set((object["int8_rescore"] as? [String: Any])?.keys ?? [:].keys) == ["p50_ms", "p95_ms", "recall@10"])
        #expect(throws: SearchError.self) { try SearchBenchmark(configuration: .init(vectors: 5, k: 10)).run() }
    }
}

/// The full `seek bench search` run (100,000 × 384): when SEEK_SEARCH_BENCH is set, in release;
/// SEEK_SEARCH_BENCH_THREADS overrides the thread count.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEEK_SEARCH_BENCH"] != nil))
struct SearchBenchmarkFullRunTests {
    @Test func fullSizeRunFindsTheExactResults() throws {
        var configuration = SearchBenchmark.Configuration()
        if let threads = ProcessInfo.processInfo.environment["SEEK_SEARCH_BENCH_THREADS"].flatMap({ Int($0) }) { configuration.threads = threads }
        let report = try SearchBenchmark(configuration: configuration).run()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print("search benchmark: " + String(decoding: try encoder.encode(report), as: UTF8.self))
        #expect(report.int8Rescore.recall == 1)
    }
}
