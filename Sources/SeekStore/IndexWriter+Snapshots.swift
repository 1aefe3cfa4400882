import SeekCore
import Foundation
import GRDB

extension IndexWriter {
    /// Most snapshots kept; older ones are deleted when a new one is recorded.
    public static let retainedSnapshotCount = 100

    /// Counts the index's files, chunks, vectors and full-text rows and stores them as a snapshot,
    /// deleting all but the newest `retaining` snapshots in the same transaction. The snapshot
    /// changes no indexed data, so the write generation is left alone (loaded vectors stay valid).
    @discardableResult
    public func recordSnapshot(retaining: Int = IndexWriter.retainedSnapshotCount) throws(StoreError) -> IndexSnapshot {
        guard retaining > 0 else { throw .invalidData(reason: "a snapshot history must retain at least 1 snapshot, not \(retaining)") }
        return try StoreError.wrapping(context: "recordSnapshot") {
            try pool.write { db in
                func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
                var filesByStatus = Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0, 0) })
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM files GROUP BY status") {
                    filesByStatus[try FileStatus(storedName: row[0])] = row[1]
                }
                let pageCount = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                let takenAt = Date()
                var snapshot = IndexSnapshot(
                    id: 0, takenAt: takenAt, files: try count("files"), chunks: try count("chunks"), vectors: try count("vectors"),
                    fullTextRows: try count("chunks_fts"), databaseBytes: pageCount * pageSize, filesByStatus: filesByStatus)
                snapshot.graph = try GraphReader.counts(db)
                let statusJSON = try Self.json(
                    Dictionary(uniqueKeysWithValues: filesByStatus.map { ($0.key.rawValue, $0.value) }), context: "snapshot files by status")
                try db.execute(
                    sql: """
                        INSERT INTO snapshots (taken_at, files, chunks, vectors, fts_rows, db_bytes, files_by_status,
                                               edges, unresolved_links, tags)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [takenAt.timeIntervalSince1970, snapshot.files, snapshot.chunks, snapshot.vectors,
                                snapshot.fullTextRows, snapshot.databaseBytes, statusJSON,
                                snapshot.graph.edges, snapshot.graph.unresolvedLinks, snapshot.graph.tags])
                snapshot.id = db.lastInsertedRowID
                try db.execute(
                    sql: "DELETE FROM snapshots WHERE id NOT IN (SELECT id FROM snapshots ORDER BY id DESC LIMIT ?)",
                    arguments: [retaining])
                return snapshot
            }
        }
    }
}
