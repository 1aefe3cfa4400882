/// A chunk in a ranked list: its score in the list's own scale (cosine, BM25 or fused) and the
/// retrievers that found it.
public struct RankedChunk: Sendable, Equatable, Hashable {
    /// Chunk id in the index.
    public var chunkId: Int64
    /// Higher is better.
    public var score: Double
    /// Retrievers whose lists held the chunk, in `Retriever` order.
    public var foundBy: [Retriever]

    public init(chunkId: Int64, score: Double, foundBy: [Retriever]) {
        self.chunkId = chunkId
        self.score = score
        self.foundBy = foundBy
    }

    /// Higher score first; equal scores: lower chunk id first.
    public static func ranksBefore(_ lhs: RankedChunk, _ rhs: RankedChunk) -> Bool {
        lhs.score > rhs.score || (lhs.score == rhs.score && lhs.chunkId < rhs.chunkId)
    }
}
