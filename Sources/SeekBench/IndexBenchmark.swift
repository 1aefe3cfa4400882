import Foundation
import SeekCore
import SeekEngine
import SeekSearch

/// `seek bench index`: end-to-end indexing throughput of a folder into a fresh temporary index,
/// then a second, unchanged run (which must embed nothing).
public struct IndexBenchmark: Sendable {
    public struct Result: Sendable, Codable, Equatable {
        public var files: Int
        public var chunks: Int
        public var tokens: Int
        public var seconds: Double
        public var tokensPerSecond: Double
        public var embedder: EmbeddingBackendKind
        public var stageSeconds: [IndexingStage: Double]
        /// The second run over the same, unchanged folder.
        public var reindexSeconds: Double
        public var reindexChunksEmbedded: Int

        enum CodingKeys: String, CodingKey {
            case files, chunks, tokens, seconds, embedder
            case tokensPerSecond = "tokens_per_s"
            case stageSeconds = "stage_seconds"
            case reindexSeconds = "reindex_seconds"
            case reindexChunksEmbedded = "reindex_chunks_embedded"
        }
    }

    /// Writes the Cranfield corpus as one `<id>.txt` per abstract (title on the first line).
    public static func writeCranfieldFolder(to folder: URL) throws -> Int {
        let documents = try BEIRDataset.loadCorpus(DatasetLocator.cranfield().appendingPathComponent("corpus.jsonl"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for document in documents {
            try Data((document.title.trimmingCharacters(in: .whitespaces) + "\n" + document.text).utf8)
                .write(to: folder.appendingPathComponent("\(document.id).txt"))
        }
        return documents.count
    }

    /// Indexes `folder` twice with `settings` into a fresh index at `indexDirectory`, each run
    /// through a one-shot engine of its own, as `seek index` does.
    public static func run(folder: URL, settings: SeekSettings, indexDirectory: URL) async throws -> Result {
        var settings = settings
        settings.indexDirectory = indexDirectory
        try? FileManager.default.removeItem(at: indexDirectory)
        let firstEngine = SeekEngine(settings: settings)
        if settings.inProcessEmbedding { _ = try await firstEngine.model.embedder() }  // model load is not indexing throughput
        let first = try await firstEngine.indexing.run(IndexRequest(scope: .roots([folder.path]))).report
        await firstEngine.shutdown()
        let secondEngine = SeekEngine(settings: settings)
        let second = try await secondEngine.indexing.run(IndexRequest(scope: .allRoots)).report
        await secondEngine.shutdown()
        return Result(
            files: first.filesIndexed, chunks: first.chunks, tokens: first.tokens, seconds: first.seconds,
            tokensPerSecond: first.tokensPerSecond, embedder: settings.inProcessEmbedding ? .inProcess : .pool,
            stageSeconds: first.stageSeconds, reindexSeconds: second.seconds, reindexChunksEmbedded: second.chunksEmbedded)
    }
}
