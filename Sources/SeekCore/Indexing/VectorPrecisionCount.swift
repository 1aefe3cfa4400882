/// How many indexed files, and chunks of theirs, hold vectors made in one precision
/// (`StatusSummary.vectorPrecisions`, `seek status --json` key `vector_precisions`).
public struct VectorPrecisionCount: Sendable, Equatable, Codable {
    /// Indexed files whose vectors were made in this precision.
    public var files: Int
    /// Their chunks (one vector each).
    public var chunks: Int

    public init(files: Int, chunks: Int) {
        self.files = files
        self.chunks = chunks
    }
}
