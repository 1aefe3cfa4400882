import SeekCore
import Foundation
import GRDB

extension DiagnosticsReader {
    /// The newest `limit` snapshots, newest first.
    public func snapshots(limit: Int) throws(StoreError) -> [IndexSnapshot] {
        guard limit > 0 else { throw .invalidData(reason: "a snapshot limit must be positive, not \(limit)") }
        return try read(context: "snapshots") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, taken_at, files, chunks, vectors, fts_rows, db_bytes, files_by_status, edges, unresolved_links, tags
                FROM snapshots ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let id: Int64 = row[0]
                let byName = try Self.decodeJSON([String: Int].self, from: row[7], context: "files by status of snapshot \(id)")
                var filesByStatus = Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0, 0) })
                for (name, count) in byName { filesByStatus[try Self.status(name)] = count }
                var snapshot = IndexSnapshot(
                    id: id, takenAt: Date(timeIntervalSince1970: row[1]), files: row[2], chunks: row[3], vectors: row[4],
                    fullTextRows: row[5], databaseBytes: row[6], filesByStatus: filesByStatus)
                snapshot.graph = GraphCounts(nodes: row[2], edges: row[8], unresolvedLinks: row[9], tags: row[10])
                return snapshot
            }
        }
    }

    /// Number of snapshots stored.
    public func snapshotCount() throws(StoreError) -> Int {
        try read(context: "snapshotCount") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") ?? 0 }
    }
}
