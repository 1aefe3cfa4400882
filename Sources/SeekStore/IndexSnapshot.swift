import SeekCore
import Foundation

/// The index's counts at the end of one indexing run, kept in the `snapshots` table so later
/// checks can compare against them.
public struct IndexSnapshot: Sendable, Equatable {
    /// Row id of the snapshot (increasing with time).
    public var id: Int64
    /// When it was taken.
    public var takenAt: Date
    /// Files in any status.
    public var files: Int
    /// Chunks stored.
    public var chunks: Int
    /// Float32 vectors stored.
    public var vectors: Int
    /// Rows of the full-text table.
    public var fullTextRows: Int
    /// Size of the database in bytes (page count × page size, write-ahead log included).
    public var databaseBytes: Int64
    /// Files per status; every status is present (0 when none).
    public var filesByStatus: [FileStatus: Int]
    /// Nodes, edges, unresolved links and tags (zero in snapshots taken before the graph existed).
    public var graph = GraphCounts()

    public init(
        id: Int64, takenAt: Date, files: Int, chunks: Int, vectors: Int, fullTextRows: Int, databaseBytes: Int64,
        filesByStatus: [FileStatus: Int]
    ) {
        self.id = id
        self.takenAt = takenAt
        self.files = files
        self.chunks = chunks
        self.vectors = vectors
        self.fullTextRows = fullTextRows
        self.databaseBytes = databaseBytes
        self.filesByStatus = filesByStatus
    }
}
