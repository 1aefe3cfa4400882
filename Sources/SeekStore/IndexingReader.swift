import Foundation
import GRDB
import SeekCore

/// What incremental indexing reads: the roots, what the index knows of each file, and the
/// embedding cache.
public final class IndexingReader: IndexReading {
    let access: IndexReadAccess

    init(access: IndexReadAccess) {
        self.access = access
    }

    /// Indexed roots, sorted by path.
    public func roots() throws(StoreError) -> [IndexedRoot] {
        try readRoots()
    }

    /// What the index knows of every file under `rootPath`, keyed by file path: the input of
    /// incremental indexing. Throws `StoreError.rootNotFound` for a root never added.
    public func fileStates(rootPath: String) throws(StoreError) -> [String: FileState] {
        try read(context: "fileStates \(rootPath)") { db in
            guard let rootId = try Int64.fetchOne(db, sql: "SELECT id FROM roots WHERE path = ?", arguments: [rootPath]) else {
                throw StoreError.rootNotFound(path: rootPath)
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT path, size, mtime, content_hash, parser, parser_version, status, chunk_count, reason, ctime, device, inode
                FROM files WHERE root_id = ?
                """, arguments: [rootId])
            var states: [String: FileState] = [:]
            while let row = try rows.next() {
                states[row[0]] = FileState(
                    size: row[1], mtime: row[2], contentHash: row[3], parser: row[4], parserVersion: row[5],
                    status: try Self.status(row[6]), chunkCount: row[7], reason: row[8],
                    identity: Self.identityStamp(row, from: 9))
            }
            return states
        }
    }

    /// Whether any chunk has a stored vector (what an embedding-cache lookup could return).
    public func holdsVectors() throws(StoreError) -> Bool {
        // EXISTS always answers; were it not to, "holds vectors" is the answer that costs nothing but time.
        try read(context: "holdsVectors") { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM vectors)") ?? true }
    }

    /// The embedding cache: for each given chunk-text hash that some stored chunk has, its
    /// stored Float32 embedding. Hashes not in the index are absent from the result.
    ///
    /// With `precision` (a `ComputePrecision` raw value), only chunks of files whose vectors were
    /// made in that precision count: a file written with cached vectors then holds vectors of
    /// one precision only, the one it is recorded with. nil takes any precision.
    public func cachedEmbeddings(textHashes: [String], precision: String? = nil) throws(StoreError) -> [String: [Float]] {
        let batches = Array(Set(textHashes)).sorted().batches(ofCount: configuration.maxVariablesPerStatement - 1)
        let dimension = model.dimension
        // Each statement stands alone: a hit is the vector of that text in that precision whatever
        // commit it comes from, so a batch's statements need not share one snapshot.
        return try readEachStatementAlone(context: "cachedEmbeddings (\(textHashes.count) hashes)") { db in
            var found: [String: [Float]] = [:]
            for batch in batches {
                // Lowest chunk id first, so duplicate texts always resolve to the same vector. The
                // precision is checked on each candidate's file row (a primary-key lookup), not by
                // listing every file of that precision; the statement is cached per hash count (the
                // indexing pipeline asks once per file, mostly with one or two hashes).
                let filter = precision == nil ? "" : "JOIN files f ON f.id = c.file_id AND f.vector_precision = ?"
                // The join's placeholder comes first in the statement, then the hashes.
                let arguments = StatementArguments(precision.map { [$0] } ?? []) + StatementArguments(batch)
                let statement = try db.cachedStatement(sql: """
                    SELECT c.text_hash, c.id, v.embedding FROM chunks c JOIN vectors v ON v.chunk_id = c.id \(filter)
                    WHERE c.text_hash IN (\(databaseQuestionMarks(count: batch.count)))
                    ORDER BY c.id
                    """)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    let hash: String = row[0]
                    if found[hash] != nil { continue }
                    let chunkId: Int64 = row[1]
                    found[hash] = try Self.decodeFloat32(row, column: 2, chunkId: chunkId, dimension: dimension)
                }
            }
            return found
        }
    }

    /// Indexed files under `rootPaths` (each a root's path, as stored) per precision of their
    /// vectors (`files.vector_precision`), e.g. `["fp32": 120, "bf16": 4]`. Every root when
    /// `rootPaths` is nil. Precisions without files are absent.
    public func vectorPrecisionCounts(rootPaths: [String]? = nil) throws(StoreError) -> [String: Int] {
        try read(context: "vectorPrecisionCounts") { db in
            var counts: [String: Int] = [:]
            let scope = rootPaths.map { "AND root_id IN (SELECT id FROM roots WHERE path IN (\(databaseQuestionMarks(count: $0.count))))" } ?? ""
            let rows = try Row.fetchCursor(db, sql: """
                SELECT vector_precision, COUNT(*) FROM files
                WHERE status = 'indexed' AND vector_precision IS NOT NULL \(scope)
                GROUP BY vector_precision
                """, arguments: StatementArguments(rootPaths ?? []))
            while let row = try rows.next() { counts[row[0]] = row[1] }
            return counts
        }
    }

    /// The index's write generation (see `SearchReader.writeGeneration()`).
    public func writeGeneration() throws(StoreError) -> Int64 {
        try readWriteGeneration()
    }
}
