/// Mean metrics of one retrieval mode over a dataset's judged queries.
public struct EvaluationResult: Sendable, Equatable, Codable {
    /// The mode evaluated ("vector", "keyword", "hybrid"...).
    public var mode: String
    /// Mean nDCG@10.
    public var ndcgAt10: Double
    /// Mean Recall@100.
    public var recallAt100: Double
    /// Mean MRR@10.
    public var mrrAt10: Double
    /// Queries evaluated (those with at least one relevant document).
    public var queries: Int

    enum CodingKeys: String, CodingKey {
        case mode, queries
        case ndcgAt10 = "ndcg@10"
        case recallAt100 = "recall@100"
        case mrrAt10 = "mrr@10"
    }

    public init(mode: String, ndcgAt10: Double, recallAt100: Double, mrrAt10: Double, queries: Int) {
        self.mode = mode
        self.ndcgAt10 = ndcgAt10
        self.recallAt100 = recallAt100
        self.mrrAt10 = mrrAt10
        self.queries = queries
    }
}
