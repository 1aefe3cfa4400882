/// A chunk found by vector search, with its dot-product score (cosine for unit vectors).
public struct VectorHit: Sendable, Equatable, Hashable {
    /// Chunk id in the index.
    public var chunkId: Int64
    /// Exact Float32 dot product of the query and the chunk's embedding.
    public var score: Float

    public init(chunkId: Int64, score: Float) {
        self.chunkId = chunkId
        self.score = score
    }
}
