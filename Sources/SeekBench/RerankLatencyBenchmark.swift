import Foundation
import SeekCore
import SeekEmbedding
import SeekEngine
import SeekSearch

/// What reranking adds to a warm hybrid search (`seek bench rerank`): on one loaded searcher of a
/// synthetic index (`SyntheticIndex`, Cranfield vocabulary, random vectors: real work, meaningless
/// rankings), each Cranfield query searched with k = 10 per reranking mode; per-query time of the
/// first stage and of the rerank stage, and the p50 the rerank mode adds over `none`.
public struct RerankLatencyBenchmark: Sendable {
    /// JSON: {"chunks","index_build_seconds","queries","modes":{"prf":{"first_stage_ms":{"p50","p95"},
    /// "rerank_ms":{"p50","p95"},"total_ms":{"p50","p95"},"added_p50_ms"}}}.
    public struct Result: Sendable, Encodable {
        public var chunks: Int
        public var indexBuildSeconds: Double
        public var queries: Int
        public var modes: [String: ModeLatency]

        enum CodingKeys: String, CodingKey {
            case chunks, queries, modes
            case indexBuildSeconds = "index_build_seconds"
        }
    }

    public struct ModeLatency: Sendable, Encodable {
        public var firstStageMilliseconds: RerankComparison.Latency
        public var rerankMilliseconds: RerankComparison.Latency
        public var totalMilliseconds: RerankComparison.Latency
        /// Total p50 of this mode minus total p50 of `none` (0 for `none`).
        public var addedP50Milliseconds: Double
        /// Cross-encoder only: (query, passage) pairs scored per query (the rerank depth), and
        /// the rerank stage's p50 divided by them.
        public var pairsPerQuery: Int?
        public var rerankMillisecondsPerPair: Double?

        enum CodingKeys: String, CodingKey {
            case firstStageMilliseconds = "first_stage_ms"
            case rerankMilliseconds = "rerank_ms"
            case totalMilliseconds = "total_ms"
            case addedP50Milliseconds = "added_p50_ms"
            case pairsPerQuery = "pairs_per_query"
            case rerankMillisecondsPerPair = "rerank_ms_per_pair"
        }
    }

    /// Timed queries per mode (after 5 untimed). Default 100.
    public var queries: Int

    public init(queries: Int = 100) {
        self.queries = queries
    }

    /// Times `modes` (plus `none`, the baseline) on `searcher`'s snapshot with its ranking settings;
    /// `texts` are the queries and `vectors` their embeddings, in the same order; `reranker` is the
    /// cross-encoder of a `.crossEncoder` mode.
    public func run(searcher: Searcher, modes: [RerankMode], texts: [String], vectors: [[Float]], indexBuildSeconds: Double,
                    reranker: CrossEncoder? = nil) throws -> Result {
        guard !texts.isEmpty, texts.count == vectors.count else {
            throw SearchError.invalidQuery(reason: "the latency benchmark needs queries and one vector per query")
        }
        var result: [String: ModeLatency] = [:]
        var baseline: Double?
        for mode in [RerankMode.none] + modes.filter({ $0 != .none }) {
            var configuration = searcher.configuration
            configuration.rerank = mode
            let timed = Searcher(reader: searcher.reader, vectorIndex: searcher.vectorIndex, configuration: configuration,
                                 reranker: mode == .crossEncoder ? reranker : nil)
            var firstStage: [Double] = [], rerank: [Double] = [], total: [Double] = []
            for number in 0..<(queries + 5) {
                let index = number % texts.count
                let staged = try timed.rankFilesInStages(SearchRequest(query: texts[index], mode: .hybrid, k: 10), queryVector: vectors[index])
                guard number >= 5 else { continue }
                firstStage.append(staged.firstStage.milliseconds)
                rerank.append(staged.rerank.milliseconds)
                total.append((staged.firstStage + staged.rerank).milliseconds)
            }
            let totals = RerankComparison.Latency(milliseconds: total)
            if mode == .none { baseline = totals.p50 }
            let rerankLatency = RerankComparison.Latency(milliseconds: rerank)
            let pairs = mode == .crossEncoder ? min(configuration.rerankDepth, searcher.vectorIndex.files.files.count) : nil
            result[mode.rawValue] = ModeLatency(
                firstStageMilliseconds: .init(milliseconds: firstStage), rerankMilliseconds: rerankLatency,
                totalMilliseconds: totals, addedP50Milliseconds: totals.p50 - (baseline ?? totals.p50),
                pairsPerQuery: pairs, rerankMillisecondsPerPair: pairs.map { rerankLatency.p50 / Double(max($0, 1)) })
        }
        return Result(chunks: searcher.vectorIndex.count, indexBuildSeconds: indexBuildSeconds, queries: queries, modes: result)
    }
}
