import SeekCore

/// Counts that describe a PostgreSQL index (all namespaces), for `seek status`.
public struct PostgresStoreStatus: Sendable, Equatable {
    public var roots: Int
    /// Files per outcome of their last indexing attempt; statuses without files are absent.
    public var files: [FileStatus: Int]
    public var chunks: Int
    public var vectors: Int
    /// Bumped by every write.
    public var writeGeneration: Int64
    /// The applied schema version (the highest `seek_migrations` row).
    public var schemaVersion: Int

    public init(roots: Int, files: [FileStatus: Int], chunks: Int, vectors: Int, writeGeneration: Int64, schemaVersion: Int) {
        self.roots = roots
        self.files = files
        self.chunks = chunks
        self.vectors = vectors
        self.writeGeneration = writeGeneration
        self.schemaVersion = schemaVersion
    }
}
