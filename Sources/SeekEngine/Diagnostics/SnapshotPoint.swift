import Foundation
import SeekCore

/// One point of the index's history: its counts at the end of one indexing run (the `snapshots`
/// table), as `GET /api/snapshots` serves them for the dashboard's charts.
public struct SnapshotPoint: Sendable, Encodable, Equatable {
    public var takenAt: Date
    /// Files in any status.
    public var files: Int
    /// Files that failed.
    public var failed: Int
    public var chunks: Int
    /// Size of the database in bytes (write-ahead log included).
    public var databaseBytes: Int64

    enum CodingKeys: String, CodingKey {
        case files, failed, chunks
        case takenAt = "taken_at"
        case databaseBytes = "db_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ISO8601DateFormatter().string(from: takenAt), forKey: .takenAt)
        try container.encode(files, forKey: .files)
        try container.encode(failed, forKey: .failed)
        try container.encode(chunks, forKey: .chunks)
        try container.encode(databaseBytes, forKey: .databaseBytes)
    }
}
