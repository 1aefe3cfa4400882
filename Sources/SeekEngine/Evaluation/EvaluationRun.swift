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
    /// With `--store postgres://`: `results` are the HNSW index's; this adds the exact scan's
    /// and how much of the exact top 10 the HNSW index finds. JSON `postgres`, absent for SQLite.
    public var postgres: PostgresEvaluation? = nil

    /// The PostgreSQL side of an evaluation.
    public struct PostgresEvaluation: Sendable, Encodable {
        /// The database and namespace the corpus was indexed into (no password).
        public var store: String
        /// `hnsw.ef_search` of the HNSW searches (at least the candidates asked for).
        public var efSearch: Int
        /// Metrics of the modes that use vectors, with an exact scan instead of the HNSW index.
        public var exactResults: [EvaluationResult]
        /// Mean over the judged queries of |HNSW top 10 ∩ exact top 10| / 10, over chunks.
        public var hnswRecallAt10: Double
    }

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
        case dataset, docs, queries, rerank, modes, index, seconds, postgres
    }

    enum PostgresKeys: String, CodingKey {
        case store, efSearch = "ef_search", exact, hnswRecallAt10 = "hnsw_recall@10"
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
        try Self.encode(results, into: &modes)
        if let postgres {
            var nested = container.nestedContainer(keyedBy: PostgresKeys.self, forKey: .postgres)
            try nested.encode(postgres.store, forKey: .store)
            try nested.encode(postgres.efSearch, forKey: .efSearch)
            var exact = nested.nestedContainer(keyedBy: ModeKey.self, forKey: .exact)
            try Self.encode(postgres.exactResults, into: &exact)
            try nested.encode(postgres.hnswRecallAt10, forKey: .hnswRecallAt10)
        }
        var indexContainer = container.nestedContainer(keyedBy: IndexKeys.self, forKey: .index)
        try indexContainer.encode(index.directory, forKey: .directory)
        try indexContainer.encode(index.cached, forKey: .cached)
        try indexContainer.encode(index.seconds, forKey: .seconds)
        try indexContainer.encode(index.chunks, forKey: .chunks)
        try container.encode(seconds, forKey: .seconds)
    }

    private static func encode(_ results: [EvaluationResult], into modes: inout KeyedEncodingContainer<ModeKey>) throws {
        for result in results {
            var metrics = modes.nestedContainer(keyedBy: MetricKeys.self, forKey: ModeKey(stringValue: result.mode))
            try metrics.encode(result.ndcgAt10, forKey: .ndcgAt10)
            try metrics.encode(result.recallAt100, forKey: .recallAt100)
            try metrics.encode(result.mrrAt10, forKey: .mrrAt10)
        }
    }
}
