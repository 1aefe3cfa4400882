import Foundation
import SeekCore
import SeekEmbedding
import SeekIndexing
import SeekIngest
import SeekPool
import SeekStore

extension SeekEngine {
    /// The index of these settings. `create: false` throws `StoreError.notFound` when there is none.
    public func openStore(create: Bool) throws -> IndexStore {
        let identity = ModelIdentity.miniLM
        return try IndexStore.open(directory: settings.indexDirectory, model: ModelMarker(id: identity.id, dimension: identity.dimension),
                                   create: create)
    }

    /// The embedding backend of `seek index`: the pool of `seek embedder-worker` processes, or the
    /// in-process lanes with `--in-process`.
    func indexingBackend() async throws -> any EmbeddingBackend {
        if settings.inProcessEmbedding {
            return InProcessEmbeddingBackend(embedder: try await embedder())
        }
        return try await EmbedderPool(configuration: try await poolConfiguration())
    }

    /// The pool settings with the worker command: this executable's `embedder-worker`, pointed at
    /// the model files this process verified (workers never fetch).
    public func poolConfiguration() async throws -> PoolConfiguration {
        var configuration = settings.pool
        configuration.workerCommand = PoolConfiguration.workerCommand(
            executable: PoolConfiguration.currentExecutable, threads: configuration.threadsPerWorker,
            modelDirectory: try await modelFiles().directory.path)
        return configuration
    }

    /// What `backend` reports about itself for the run report.
    func summary(of backend: any EmbeddingBackend) -> EmbedderSummary {
        if let pool = backend as? EmbedderPool {
            let statistics = pool.statistics()
            return EmbedderSummary(backend: "pool", workers: pool.configuration.workers, threadsPerWorker: pool.configuration.threadsPerWorker,
                                   restarts: statistics.restarts, retriedBatches: statistics.retriedBatches, failedChunks: statistics.failures)
        }
        return EmbedderSummary(backend: "in-process", workers: 1, threadsPerWorker: settings.embedding.threads)
    }

    /// Indexes `paths` (adding them as roots), or updates every root when `paths` is empty.
    public func index(paths: [URL], progress: (@Sendable (IndexingProgress) -> Void)? = nil) async throws -> IndexingReport {
        let store = try openStore(create: true)
        let live = LiveStatusRecorder(file: LiveStatusFile(indexDirectory: settings.indexDirectory))
        live.mark(phase: "starting")
        defer { live.finish() }
        let backend = try await indexingBackend()
        live.attach(backend)
        // With the pool, this process only tokenizes: the model weights stay in the workers.
        let tokenizer = settings.inProcessEmbedding
            ? try await embedder().tokenizer : try WordPieceTokenizer(contentsOf: try await modelFiles().tokenizerURL)
        let pipeline = try IndexingPipeline(store: store, backend: backend, tokenizer: tokenizer,
                                            configuration: settings.indexing)
        do {
            var report = try await pipeline.run(roots: paths) { snapshot in
                live.record(snapshot)
                progress?(snapshot)
            }
            report.embedder = summary(of: backend)
            live.mark(phase: "finishing")
            await backend.shutdown()
            recordIndexingRun(report, workers: (backend as? EmbedderPool)?.statistics().workerPeaks ?? [], store: store)
            // Last: nothing may write after the cache is tagged with the index's version.
            refreshVectorCache(store)
            return report
        } catch {
            await backend.shutdown()
            throw error
        }
    }

    /// `seek status`.
    public func status() throws -> IndexStatus {
        let summary = try openStore(create: false).reader.statusSummary()
        return IndexStatus(
            roots: summary.roots.map(\.path),
            files: Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0.rawValue, summary.filesByStatus[$0] ?? 0) }),
            chunks: summary.chunkCount, vectors: summary.vectorCount, dbBytes: summary.databaseBytes, model: summary.model.id,
            live: try LiveStatusFile(indexDirectory: settings.indexDirectory).current())
    }

    /// `seek files`.
    public func files(failedOnly: Bool) throws -> [FileRow] {
        try openStore(create: false).reader.files(failedOnly: failedOnly).map {
            FileRow(path: $0.path, status: $0.status.rawValue, reason: $0.reason, chunks: $0.chunkCount, parser: $0.parser)
        }
    }

    /// `seek show PATH`.
    public func show(path: String) throws -> ShownDocument {
        let document = try openStore(create: false).reader.document(path: Self.absolutePath(path))
        return ShownDocument(
            path: document.path, title: document.title, text: document.text,
            chunks: document.chunks.map { .init(ordinal: $0.ordinal, start: $0.start, end: $0.end, page: $0.page, text: $0.text,
                                                headingPath: $0.headingPath) })
    }

    /// `seek remove PATH`: drops a root and all its rows.
    public func remove(root path: String) throws -> RemovedCounts {
        try openStore(create: false).writer.removeRoot(Self.absolutePath(path))
    }

    /// `path` made absolute against the working directory and standardised, as the index stores it.
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
