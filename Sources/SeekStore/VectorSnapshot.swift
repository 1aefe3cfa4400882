/// The vectors of an index at one write generation (`SearchReader.vectorSnapshot`).
public struct VectorSnapshot: Sendable {
    public var writeGeneration: Int64
    public var codes: VectorCodeMatrix
    /// Nil unless the Float32 vectors were asked for.
    public var vectors: VectorMatrix?
    public var files: ChunkFileMap
}
