/// A file ranked by how close its chunks lie to another file's (`VectorIndex.similarFiles`).
public struct FileSimilarity: Sendable, Equatable {
    /// Path of the file.
    public var path: String
    /// Cosine of the two files' mean chunk vectors, in [-1, 1]; higher is closer.
    public var score: Double
    /// Chunks of the file in the snapshot.
    public var chunks: Int
    /// Id of the file's first chunk (to hydrate its title).
    public var firstChunkId: Int64

    public init(path: String, score: Double, chunks: Int, firstChunkId: Int64) {
        self.path = path
        self.score = score
        self.chunks = chunks
        self.firstChunkId = firstChunkId
    }
}
