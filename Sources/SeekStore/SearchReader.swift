import Foundation
import GRDB
import SeekCore

/// What search reads: hydration of result chunks, BM25 over the full-text index, the vectors
/// and chunk-to-file map a `VectorIndex` loads, and the index's version to know when those are stale.
public final class SearchReader: IndexReading {
    let access: IndexReadAccess

    init(access: IndexReadAccess) {
        self.access = access
    }

    /// Indexed roots, sorted by path.
    public func roots() throws(StoreError) -> [IndexedRoot] {
        try readRoots()
    }

    /// A number every write transaction increments: data derived from the index (a loaded vector
    /// matrix) is stale when this changed since it was read.
    public func writeGeneration() throws(StoreError) -> Int64 {
        try readWriteGeneration()
    }

    /// Identifies the index's content: its creation time and write generation. Equal versions
    /// mean equal chunks and vectors, so data derived from the index (a vector cache file) can be
    /// reused while the version is unchanged; a re-created index never repeats a version.
    public func contentVersion() throws(StoreError) -> IndexContentVersion {
        try readContentVersion()
    }

    /// Everything a search result shows about the given chunks. Ids not in the index (removed
    /// since the caller's scan) are absent from the result.
    public func chunkDetails(chunkIds: [Int64]) throws(StoreError) -> [Int64: ChunkDetail] {
        let batches = Array(Set(chunkIds)).sorted().batches(ofCount: configuration.maxVariablesPerStatement)
        return try read(context: "chunkDetails (\(chunkIds.count) ids)") { db in
            var found: [Int64: ChunkDetail] = [:]
            for batch in batches {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.id, f.path, f.title, c.text, c.ordinal, c.start_offset, c.end_offset, c.page, c.heading_path, f.mtime
                    FROM chunks c JOIN files f ON f.id = c.file_id
                    WHERE c.id IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments(batch))
                while let row = try rows.next() {
                    let chunkId: Int64 = row[0]
                    let path: String = row[1]
                    found[chunkId] = ChunkDetail(
                        chunkId: chunkId, path: path, title: row[2] ?? IndexWriter.displayTitle(nil, path: path),
                        text: row[3], ordinal: row[4], start: row[5], end: row[6], page: row[7],
                        headingPath: try Self.decodeJSON([String].self, from: row[8], context: "heading path of chunk \(chunkId)"),
                        fileMtime: row[9], fileExtension: Self.fileExtension(path))
                }
            }
            return found
        }
    }

    /// Full-text search with FTS5 over chunk text, title and path: at most `limit` chunks, best
    /// first by BM25 (`score` = −`bm25()`, so higher is better), ties broken by ascending chunk id.
    ///
    /// `ftsQuery` is FTS5 query syntax; a malformed query throws `StoreError.sqlFailed`.
    public func keywordSearch(
        ftsQuery: String, limit: Int, weights: KeywordColumnWeights = KeywordColumnWeights()
    ) throws(StoreError) -> [KeywordHit] {
        guard limit > 0 else { throw .invalidData(reason: "keyword search limit must be positive, got \(limit)") }
        let sql = """
            SELECT rowid, -bm25(chunks_fts, ?, ?, ?) AS score FROM chunks_fts
            WHERE chunks_fts MATCH ?
            ORDER BY score DESC, rowid ASC
            LIMIT ?
            """
        do {
            return try read(context: sql) { db in
                try Row.fetchAll(db, sql: sql, arguments: [weights.text, weights.title, weights.path, ftsQuery, limit]).map { row in
                    KeywordHit(chunkId: row[0], score: row[1])
                }
            }
        } catch .sqlFailed(let failedSQL, let reason) {
            throw .sqlFailed(sql: failedSQL, reason: "\(reason) (full-text query: \(ftsQuery))")
        }
    }
}
