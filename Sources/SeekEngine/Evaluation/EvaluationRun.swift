import SeekCore

/// What `seek eval` prints: the metrics per mode and how the index was obtained.
///
/// JSON: {"dataset","docs","queries","rerank","modes":{"vector":{"ndcg@10","recall@100","mrr@10"},...},
/// "index":{"directory","cached","seconds","chunks"},"seconds"}.
public struct EvaluationRun: Sendable, Encodable {
    /// Dataset name (its folder name).
    public var dataset: String
    /// Documents in the corpus.
    public var docs: Int
    /// Judged queries evaluated.
    public var queries: Int
    /// The reranking stage every mode ran with (`none`, `prf`).
    public var rerank: String
    /// Metrics per mode, in the order asked.
    public var results: [EvaluationResult]
    /// The cached index of the corpus.
    public var index: IndexInfo
    /// Wall time of the whole evaluation, indexing included.
    public var seconds: Double

    public struct IndexInfo: Sendable, Encodable {
        /// Where the corpus index is cached.
        public var directory: String
        /// True when the index was already complete (nothing embedded this run).
        public var cached: Bool
        /// Seconds spent bringing the index up to date.
        public var seconds: Double
        /// Chunks in the index.
        public var chunks: Int
        /// This run's indexing report.
        public var report: IndexingReport
    }

    enum CodingKeys: String, CodingKey {
        case dataset, docs, queries, rerank, modes, index, seconds
    }

    enum IndexKeys: String, CodingKey {
        case directory, cached, seconds, chunks
    }

    struct ModeKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    enum MetricKeys: String, CodingKey {
        case ndcgAt10 = "ndcg@10"
        case recallAt100 = "recall@100"
        case mrrAt10 = "mrr@10"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(docs, forKey: .docs)
        try container.encode(queries, forKey: .queries)
        try container.encode(rerank, forKey: .rerank)
        var modes = container.nestedContainer(keyedBy: ModeKey.self, forKey: .modes)
        for result in results {
            var metrics = modes.nestedContainer(keyedBy: MetricKeys.self, forKey: ModeKey(stringValue: result.mode))
            try metrics.encode(result.ndcgAt10, forKey: .ndcgAt10)
            try metrics.encode(result.recallAt100, forKey: .recallAt100)
            try metrics.encode(result.mrrAt10, forKey: .mrrAt10)
        }
        var indexContainer = container.nestedContainer(keyedBy: IndexKeys.self, forKey: .index)
        try indexContainer.encode(index.directory, forKey: .directory)
        try indexContainer.encode(index.cached, forKey: .cached)
        try indexContainer.encode(index.seconds, forKey: .seconds)
        try indexContainer.encode(index.chunks, forKey: .chunks)
        try container.encode(seconds, forKey: .seconds)
    }
}
