/// A full-text match: a chunk and its BM25 score (higher is better).
public struct KeywordHit: Sendable, Equatable {
    public var chunkId: Int64
    /// The negated FTS5 `bm25()` value: positive, higher means more relevant.
    public var score: Double

    public init(chunkId: Int64, score: Double) {
        self.chunkId = chunkId
        self.score = score
    }
}
