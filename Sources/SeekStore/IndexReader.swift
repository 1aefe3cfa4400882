import Foundation
import GRDB
import Logging

/// Read-only access to the index. Each method reads one consistent snapshot on a reader
/// connection: it never blocks the writer and never sees half of a write transaction.
public final class IndexReader: Sendable {
    let pool: DatabasePool
    let model: ModelMarker
    let databaseURL: URL
    let configuration: StoreConfiguration

    init(pool: DatabasePool, model: ModelMarker, databaseURL: URL, configuration: StoreConfiguration) {
        self.pool = pool
        self.model = model
        self.databaseURL = databaseURL
        self.configuration = configuration
    }

    /// Indexed roots, sorted by path.
    public func roots() throws(StoreError) -> [IndexedRoot] {
        try read(context: "roots") { db in try Self.roots(db) }
    }

    /// What the index knows of every file under `rootPath`, keyed by file path: the input of
    /// incremental indexing. Throws `StoreError.rootNotFound` for a root never added.
    public func fileStates(rootPath: String) throws(StoreError) -> [String: FileState] {
        try read(context: "fileStates \(rootPath)") { db in
            guard let rootId = try Int64.fetchOne(db, sql: "SELECT id FROM roots WHERE path = ?", arguments: [rootPath]) else {
                throw StoreError.rootNotFound(path: rootPath)
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT path, size, mtime, content_hash, parser, parser_version, status, chunk_count
                FROM files WHERE root_id = ?
                """, arguments: [rootId])
            var states: [String: FileState] = [:]
            while let row = try rows.next() {
                states[row[0]] = FileState(
                    size: row[1], mtime: row[2], contentHash: row[3], parser: row[4], parserVersion: row[5],
                    status: try Self.status(row[6]), chunkCount: row[7])
            }
            return states
        }
    }

    /// The embedding cache: for each given chunk-text hash that some stored chunk has, its
    /// stored Float32 embedding. Hashes not in the index are absent from the result.
    public func cachedEmbeddings(textHashes: [String]) throws(StoreError) -> [String: [Float]] {
        let batches = Array(Set(textHashes)).sorted().batches(ofCount: configuration.maxVariablesPerStatement)
        let dimension = model.dimension
        return try read(context: "cachedEmbeddings (\(textHashes.count) hashes)") { db in
            var found: [String: [Float]] = [:]
            for batch in batches {
                // Lowest chunk id first, so duplicate texts always resolve to the same vector.
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.text_hash, c.id, v.embedding FROM chunks c JOIN vectors v ON v.chunk_id = c.id
                    WHERE c.text_hash IN (\(databaseQuestionMarks(count: batch.count)))
                    ORDER BY c.id
                    """, arguments: StatementArguments(batch))
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

    /// The numbers of `seek status`.
    public func statusSummary() throws(StoreError) -> StatusSummary {
        let summary = try read(context: "statusSummary") { db in
            let meta = try Dictionary(
                Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { row -> (String, String) in (row[0], row[1]) },
                uniquingKeysWith: { first, _ in first })
            var filesByStatus = Dictionary(uniqueKeysWithValues: FileStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM files GROUP BY status") {
                filesByStatus[try Self.status(row[0])] = row[1]
            }
            guard let modelId = meta[IndexSchema.MetaKey.modelId],
                  let dimension = meta[IndexSchema.MetaKey.dimension].flatMap({ Int($0) }),
                  let createdAt = meta[IndexSchema.MetaKey.createdAt].flatMap({ ISO8601DateFormatter().date(from: $0) })
            else {
                throw StoreError.invalidData(reason: "the meta table lacks the model marker or creation date")
            }
            return StatusSummary(
                model: ModelMarker(id: modelId, dimension: dimension),
                createdAt: createdAt,
                createdBySeekVersion: meta[IndexSchema.MetaKey.seekVersion] ?? "unknown",
                roots: try Self.roots(db),
                filesByStatus: filesByStatus,
                chunkCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chunks") ?? 0,
                vectorCount: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vectors") ?? 0,
                databaseBytes: 0)
        }
        var withSize = summary
        withSize.databaseBytes = try databaseBytes()
        return withSize
    }

    /// Files with their status, reason, chunk count, parser and detected encoding, sorted by path;
    /// only failed files when `failedOnly`.
    public func files(failedOnly: Bool) throws(StoreError) -> [FileListing] {
        try read(context: "files") { db in
            let filter = failedOnly ? "WHERE f.status = 'failed'" : ""
            return try Row.fetchAll(db, sql: """
                SELECT f.path, f.status, f.reason, f.chunk_count, f.parser, json_extract(d.metadata, '$.encoding')
                FROM files f LEFT JOIN documents d ON d.file_id = f.id \(filter) ORDER BY f.path
                """)
                .map { row in
                    FileListing(path: row[0], status: try Self.status(row[1]), reason: row[2], chunkCount: row[3], parser: row[4], encoding: row[5])
                }
        }
    }

    /// The extracted text and chunks of an indexed file. Throws `StoreError.fileNotFound` for a
    /// path not in the index and `StoreError.notIndexed` for a failed or skipped file.
    public func document(path: String) throws(StoreError) -> StoredDocument {
        try read(context: "document \(path)") { db in
            guard let file = try Row.fetchOne(
                db, sql: "SELECT f.id, f.status, f.reason, f.title, d.text, d.metadata FROM files f LEFT JOIN documents d ON d.file_id = f.id WHERE f.path = ?",
                arguments: [path])
            else {
                throw StoreError.fileNotFound(path: path)
            }
            let status = try Self.status(file[1])
            guard status == .indexed, let text: String = file[4], let metadataJSON: String = file[5] else {
                throw StoreError.notIndexed(path: path, status: status, reason: file[2])
            }
            let fileId: Int64 = file[0]
            let chunks = try Row.fetchAll(db, sql: """
                SELECT id, ordinal, start_offset, end_offset, page, text, heading_path, token_count
                FROM chunks WHERE file_id = ? ORDER BY ordinal
                """, arguments: [fileId]).map { row in
                StoredChunk(
                    id: row[0], ordinal: row[1], start: row[2], end: row[3], page: row[4], text: row[5],
                    headingPath: try Self.decodeJSON([String].self, from: row[6], context: "heading path of chunk \(row[0] as Int64)"),
                    tokenCount: row[7])
            }
            return StoredDocument(
                path: path, title: file[3] ?? IndexWriter.displayTitle(nil, path: path), text: text,
                metadata: try Self.decodeJSON([String: String].self, from: metadataJSON, context: "metadata of \(path)"),
                chunks: chunks)
        }
    }

    // MARK: - Shared internals

    /// One read snapshot; every error comes out as a `StoreError`.
    func read<T>(context: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.wrapping(context: context) { try pool.read(body) }
    }

    static func roots(_ db: Database) throws -> [IndexedRoot] {
        try Row.fetchAll(db, sql: "SELECT id, path, added_at FROM roots ORDER BY path").map { row in
            IndexedRoot(id: RootID(rawValue: row[0]), path: row[1], addedAt: Date(timeIntervalSince1970: row[2]))
        }
    }

    static func status(_ text: String) throws -> FileStatus {
        guard let status = FileStatus(rawValue: text) else {
            throw StoreError.invalidData(reason: "unknown file status '\(text)'")
        }
        return status
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, from text: String, context: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.invalidData(reason: "\(context) is not valid JSON: \(error)")
        }
    }

    /// Decodes the Float32 BLOB in `column` of `row`, checking its size.
    static func decodeFloat32(_ row: Row, column: Int, chunkId: Int64, dimension: Int) throws -> [Float] {
        try row.withUnsafeData(atIndex: column) { data -> [Float] in
            guard let data, data.count == dimension * VectorCodec.bytesPerFloat else {
                throw StoreError.invalidData(reason: "chunk \(chunkId) has an embedding of \(data?.count ?? 0) bytes, not \(dimension) floats")
            }
            return try VectorCodec.decodeFloat32(data, dimension: dimension)
        }
    }

    /// Bytes of the database file and its write-ahead log.
    private func databaseBytes() throws(StoreError) -> Int64 {
        var total: Int64 = 0
        for path in [databaseURL.path, databaseURL.path + "-wal"] {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                total += (attributes[.size] as? NSNumber)?.int64Value ?? 0
            } catch {
                throw .invalidData(reason: "cannot read the size of \(path): \(error.localizedDescription)")
            }
        }
        return total
    }
}
