/// A nearest-neighbour match: a chunk and its inner product with the query (for unit vectors,
/// the cosine similarity: higher is better, 1 is the same direction).
public struct PostgresVectorHit: Sendable, Equatable {
    public var chunkId: Int64
    public var score: Double

    public init(chunkId: Int64, score: Double) {
        self.chunkId = chunkId
        self.score = score
    }
}
