import Foundation
import SeekCore
import SeekKernels

extension RunRecord {
    /// The record of an indexing run: files processed are those indexed, failed or skipped this
    /// run (unchanged and removed files are not), stage seconds as the pipeline timed them, the
    /// precision of the run's vectors, and the GEMM of the processes that embedded them (the
    /// workers' own when they said it, so this process never sets one up just to record it; none
    /// when the run embedded nothing, every vector coming from the cache).
    public init(operation: String = "index", report: IndexingReport, timestamp: Date = Date()) {
        let stages = report.stageSeconds
        self.init(
            timestamp: timestamp, operation: operation,
            filesProcessed: report.filesIndexed + report.filesFailed + report.filesSkipped, filesFailed: report.filesFailed,
            chunks: report.chunks, chunksEmbedded: report.chunksEmbedded, cacheHits: report.cacheHits, tokens: report.tokens,
            seconds: report.seconds, tokensPerSecond: report.tokensPerSecond,
            stageSeconds: StageSeconds(
                scan: stages[.scan] ?? 0, parse: stages[.parse] ?? 0,
                chunk: stages[.chunk] ?? 0, embed: stages[.embed] ?? 0,
                write: stages[.write] ?? 0),
            blas: report.embedder?.backend == .pool ? report.embedder?.gemm : report.tokens > 0 ? GEMM.status.summary : nil)
        precision = report.embedder?.precision
    }
}
