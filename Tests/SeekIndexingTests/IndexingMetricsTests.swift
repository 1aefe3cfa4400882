import Foundation
import MetricsTestKit
import SeekEmbedding
import SeekIndexing
import SeekStore
import Testing

struct IndexingMetricsTests {
    @Test func aRunsCountersTimersAndGaugesMatchItsReport() async throws {
        let fixture = try IndexFixture()
        try fixture.writeCranfield(count: 10)
        let embedder = try #require(IndexFixture.embedder, "the model must be installed (make model)")
        let metrics = TestMetrics()
        let store = try IndexStore.open(directory: fixture.indexDirectory, model: .miniLML6V2, create: true)
        defer { try? store.close() }
        let pipeline = try IndexingPipeline(store: store, backend: InProcessEmbeddingBackend(embedder: embedder),
                                            tokenizer: embedder.tokenizer, metricsFactory: metrics)
        let report = try await pipeline.run(roots: [fixture.root])

        #expect(try metrics.expectCounter("seek_index_files", [("stage", "scan")]).totalValue == 10)
        #expect(try metrics.expectCounter("seek_index_files", [("stage", "parse")]).totalValue == 10)
        #expect(try metrics.expectCounter("seek_index_files", [("stage", "write")]).totalValue
            == Int64(report.filesIndexed + report.filesSkipped + report.filesFailed))
        #expect(try metrics.expectCounter("seek_index_chunks", [("stage", "write")]).totalValue == Int64(report.chunks))
        #expect(try metrics.expectCounter("seek_index_chunks", [("stage", "embed")]).totalValue == Int64(report.chunksEmbedded))
        #expect(try metrics.expectCounter("seek_index_chunks", [("stage", "chunk")]).totalValue == Int64(report.chunks))
        #expect(try metrics.expectCounter("seek_index_tokens").totalValue == Int64(report.tokens))
        let embedNanoseconds = try metrics.expectTimer("seek_index_stage_busy", [("stage", "embed")]).values.reduce(0, +)
        let embedSeconds: Double = report.stageSeconds[.embed] ?? 0
        #expect(abs(Double(embedNanoseconds) / 1e9 - embedSeconds) < 0.01)
        #expect(try metrics.expectGauge("seek_index_queue_depth", [("queue", "embed")]).lastValue == 0)
        #expect(try metrics.expectGauge("seek_index_tokens_per_second").lastValue ?? 0 > 0)
    }
}
