/// A ranking with the time each stage took: first-stage retrieval and fusion, then reranking
/// (zero when `SearchConfiguration.rerank` is `.none`).
public struct StagedRanking: Sendable, Equatable {
    /// The best files, best first.
    public var groups: [FileGroup]
    /// Retrieval and fusion of the original query, validation included.
    public var firstStage: Duration
    /// Feedback, expansion and the second retrieval (`.prf`).
    public var rerank: Duration

    public init(groups: [FileGroup], firstStage: Duration, rerank: Duration) {
        self.groups = groups
        self.firstStage = firstStage
        self.rerank = rerank
    }
}
