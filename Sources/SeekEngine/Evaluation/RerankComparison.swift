import SeekCore

/// What `seek bench rerank` reports: per reranking mode, the quality of one search mode on a BEIR
/// dataset and the latency of each stage, measured on the same warm searcher and query vectors.
///
/// JSON: {"dataset","queries","search_mode","depth","modes":[{"rerank","ndcg@10","recall@100","mrr@10",
/// "first_stage_ms":{"p50","p95"},"rerank_ms":{"p50","p95"},"total_ms":{"p50","p95"}}],
/// "index":{"directory","cached","seconds","chunks"},"seconds"} (the bench adds "latency_index" and "machine").
public struct RerankComparison: Sendable, Encodable {
    /// Dataset name (its folder name).
    public var dataset: String
    /// Judged queries evaluated.
    public var queries: Int
    /// The search mode every reranking mode ran on (default hybrid).
    public var searchMode: String
    /// Files ranked per query (Recall@100 needs 100).
    public var depth: Int
    /// One row per reranking mode, in the order asked.
    public var modes: [Row]
    /// The cached index of the corpus.
    public var index: EvaluationRun.IndexInfo
    /// Wall time, indexing included.
    public var seconds: Double

    public struct Row: Sendable, Encodable {
        /// `none`, `prf`.
        public var rerank: String
        public var ndcgAt10: Double
        public var recallAt100: Double
        public var mrrAt10: Double
        /// Retrieval and fusion of the original query, per query.
        public var firstStageMilliseconds: Latency
        /// The reranking stage alone (0 for `none`).
        public var rerankMilliseconds: Latency
        /// Both stages.
        public var totalMilliseconds: Latency

        enum CodingKeys: String, CodingKey {
            case rerank
            case ndcgAt10 = "ndcg@10"
            case recallAt100 = "recall@100"
            case mrrAt10 = "mrr@10"
            case firstStageMilliseconds = "first_stage_ms"
            case rerankMilliseconds = "rerank_ms"
            case totalMilliseconds = "total_ms"
        }
    }

    /// Nearest-rank percentiles of per-query times.
    public struct Latency: Sendable, Encodable, Equatable {
        public var p50: Double
        public var p95: Double

        public init(milliseconds: [Double]) {
            p50 = Percentile.nearestRank(milliseconds, 0.5) ?? 0
            p95 = Percentile.nearestRank(milliseconds, 0.95) ?? 0
        }
    }

    enum CodingKeys: String, CodingKey {
        case dataset, queries, depth, modes, index, seconds
        case searchMode = "search_mode"
    }

    enum IndexKeys: String, CodingKey {
        case directory, cached, seconds, chunks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(queries, forKey: .queries)
        try container.encode(searchMode, forKey: .searchMode)
        try container.encode(depth, forKey: .depth)
        try container.encode(modes, forKey: .modes)
        var indexContainer = container.nestedContainer(keyedBy: IndexKeys.self, forKey: .index)
        try indexContainer.encode(index.directory, forKey: .directory)
        try indexContainer.encode(index.cached, forKey: .cached)
        try indexContainer.encode(index.seconds, forKey: .seconds)
        try indexContainer.encode(index.chunks, forKey: .chunks)
        try container.encode(seconds, forKey: .seconds)
    }
}
