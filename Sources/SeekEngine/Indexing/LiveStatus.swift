import SeekCore

/// What a running `seek index` reports about itself in `<index>/status.json` (rewritten about
/// once a second), and `seek status --json` key `live`.
public struct LiveStatus: Sendable, Codable, Equatable {
    /// Files found by the scanner.
    public struct Scan: Sendable, Codable, Equatable {
        public var files: Int
    }

    /// Files through the parser, and those that failed there.
    public struct Parse: Sendable, Codable, Equatable {
        public var files: Int
        public var failed: Int
    }

    /// Chunks the chunker produced.
    public struct Chunk: Sendable, Codable, Equatable {
        public var chunks: Int
    }

    /// Chunks and tokens the model embedded, and files waiting for embedding.
    public struct Embed: Sendable, Codable, Equatable {
        public var chunks: Int
        public var tokens: Int
        public var queueDepth: Int

        enum CodingKeys: String, CodingKey {
            case chunks, tokens
            case queueDepth = "queue_depth"
        }
    }

    /// Files whose rows were stored (indexed, failed or skipped).
    public struct Write: Sendable, Codable, Equatable {
        public var files: Int
    }

    public struct Stages: Sendable, Codable, Equatable {
        public var scan: Scan
        public var parse: Parse
        public var chunk: Chunk
        public var embed: Embed
        public var write: Write
    }

    /// The embedder: "pool" or "in-process", each worker process (pid, state, sampled memory,
    /// batches, tokens, restarts and failures of its slot; in process: this process as the one
    /// worker), and the pool's totals.
    public struct Embedder: Sendable, Codable, Equatable {
        public var backend: EmbeddingBackendKind
        public var workers: [WorkerStatistics]
        public var restarts: Int
        public var failures: Int
        public var retriedBatches: Int

        enum CodingKeys: String, CodingKey {
            case backend, workers, restarts, failures
            case retriedBatches = "retried_batches"
        }
    }

    /// The indexing process.
    public var pid: Int32
    /// ISO 8601 times of the run's start and of this snapshot.
    public var startedAt: String
    public var updatedAt: String
    /// Where the run is.
    public var phase: IndexingPhase
    public var stages: Stages
    public var tokensPerSecond: Double
    public var elapsedSeconds: Double
    /// Nil until the embedder has started.
    public var embedder: Embedder?

    enum CodingKeys: String, CodingKey {
        case pid, phase, stages, embedder
        case startedAt = "started_at"
        case updatedAt = "updated_at"
        case tokensPerSecond = "tokens_per_s"
        case elapsedSeconds = "elapsed_s"
    }
}
