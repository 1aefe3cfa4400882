import SeekStore

/// The keyword side of a search's first retrieval round, computed ahead of the rest
/// (`Searcher.firstKeywordRound`) so that it overlaps the query's embedding.
public struct KeywordRound: Sendable, Equatable {
    /// The query the hits are for; a round for another query is ignored.
    public let query: String
    /// How many chunks the round asked for (the searcher's first-round candidate count).
    public let candidates: Int
    /// Best first, ties by chunk id.
    public let hits: [KeywordHit]
}
