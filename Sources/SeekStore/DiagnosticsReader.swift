import Foundation
import GRDB
import SeekCore

/// What `seek validate`, `inspect` and `doctor` read: SQLite's integrity check, table counts,
/// rows breaking the index's invariants, pragmas, migrations, storage, snapshots and audits.
public final class DiagnosticsReader: IndexReading {
    let access: IndexReadAccess

    init(access: IndexReadAccess) {
        self.access = access
    }

    /// Indexed roots, sorted by path.
    public func roots() throws(StoreError) -> [IndexedRoot] {
        try readRoots()
    }

    /// SQLite's `PRAGMA integrity_check` over the whole file.
    public func integrityCheck() throws(StoreError) -> IntegrityReport {
        try read(context: "PRAGMA integrity_check") { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return IntegrityReport(problems: lines == ["ok"] ? [] : lines)
        }
    }

    /// Row counts of every table.
    public func tableCounts() throws(StoreError) -> TableCounts {
        try read(context: "tableCounts") { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return TableCounts(
                roots: try count("roots"), files: try count("files"), documents: try count("documents"),
                chunks: try count("chunks"), vectors: try count("vectors"), vectorCodes: try count("vector_codes"),
                fullTextRows: try count("chunks_fts"))
        }
    }

    /// Rows breaking the index's invariants (anti-joins between the tables); all 0 when healthy.
    public func orphanCounts() throws(StoreError) -> OrphanCounts {
        try read(context: "orphanCounts") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return OrphanCounts(
                chunksWithoutVector: try count("SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.chunk_id = c.id)"),
                chunksWithoutCode: try count("SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM vector_codes q WHERE q.chunk_id = c.id)"),
                chunksWithoutFullTextRow: try count("SELECT COUNT(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM chunks_fts t WHERE t.rowid = c.id)"),
                vectorsWithoutChunk: try count("SELECT COUNT(*) FROM vectors v WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = v.chunk_id)"),
                codesWithoutChunk: try count("SELECT COUNT(*) FROM vector_codes q WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = q.chunk_id)"),
                fullTextRowsWithoutChunk: try count("SELECT COUNT(*) FROM chunks_fts t WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = t.rowid)"),
                filesWithWrongChunkCount: try count("""
                    SELECT COUNT(*) FROM files f
                    WHERE f.status = 'indexed' AND f.chunk_count != (SELECT COUNT(*) FROM chunks c WHERE c.file_id = f.id)
                    """),
                unindexedFilesWithChunks: try count("""
                    SELECT COUNT(*) FROM files f
                    WHERE f.status != 'indexed' AND EXISTS (SELECT 1 FROM chunks c WHERE c.file_id = f.id)
                    """))
        }
    }

    /// The pragmas in force on a reader connection.
    public func connectionSettings() throws(StoreError) -> ConnectionSettings {
        try read(context: "reader connection settings") { db in try ConnectionSettings.read(db) }
    }

    /// Identifiers of the schema migrations applied to the index, in order ("v1", ...).
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read(context: "appliedMigrations") { db in try IndexSchema.migrator.completedMigrations(db) }
    }
}
