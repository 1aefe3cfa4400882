import SeekCore
import Foundation

/// The numbers `seek status` prints.
public struct StatusSummary: Sendable, Equatable {
    /// The model the index was built with.
    public var model: ModelMarker
    /// When the index was created.
    public var createdAt: Date
    /// Seek version that created the index.
    public var createdBySeekVersion: String
    /// Indexed roots, sorted by path.
    public var roots: [IndexedRoot]
    /// Files per status; every status is present (0 when none).
    public var filesByStatus: [FileStatus: Int]
    /// Chunks stored.
    public var chunkCount: Int
    /// Float32 vectors stored (equal to `chunkCount` in a healthy index).
    public var vectorCount: Int
    /// Size on disk in bytes: the database file plus its write-ahead log.
    public var databaseBytes: Int64
    /// Indexed files and their chunks per precision of their vectors (fp32, bf16, int8), as
    /// recorded per file (schema v6); precisions without files are absent.
    public var vectorPrecisions: [String: VectorPrecisionCount]

    /// Files in any status.
    public var fileCount: Int { filesByStatus.values.reduce(0, +) }

    public init(
        model: ModelMarker, createdAt: Date, createdBySeekVersion: String, roots: [IndexedRoot],
        filesByStatus: [FileStatus: Int], chunkCount: Int, vectorCount: Int, databaseBytes: Int64,
        vectorPrecisions: [String: VectorPrecisionCount] = [:]
    ) {
        self.vectorPrecisions = vectorPrecisions
        self.model = model
        self.createdAt = createdAt
        self.createdBySeekVersion = createdBySeekVersion
        self.roots = roots
        self.filesByStatus = filesByStatus
        self.chunkCount = chunkCount
        self.vectorCount = vectorCount
        self.databaseBytes = databaseBytes
    }
}
