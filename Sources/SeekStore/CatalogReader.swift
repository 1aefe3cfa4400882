import Foundation
import GRDB
import SeekCore

/// What front ends read about the index's contents: its roots, the status summary, the files
/// with their status, and a file's extracted text and chunks.
public final class CatalogReader: IndexReading {
    let access: IndexReadAccess

    init(access: IndexReadAccess) {
        self.access = access
    }

    /// Indexed roots, sorted by path.
    public func roots() throws(StoreError) -> [IndexedRoot] {
        try readRoots()
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
                databaseBytes: 0,
                vectorPrecisions: try Self.vectorPrecisions(db))
        }
        var withSize = summary
        withSize.databaseBytes = try databaseBytes()
        return withSize
    }

    /// Indexed files and their chunks per recorded vector precision.
    static func vectorPrecisions(_ db: Database) throws -> [String: VectorPrecisionCount] {
        var counts: [String: VectorPrecisionCount] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT vector_precision, COUNT(*), COALESCE(SUM(chunk_count), 0) FROM files
            WHERE status = 'indexed' AND vector_precision IS NOT NULL GROUP BY vector_precision
            """) {
            counts[row[0]] = VectorPrecisionCount(files: row[1], chunks: row[2])
        }
        return counts
    }

    /// Files with their status, reason, chunk count, parser and detected encoding, sorted by path:
    /// only those with `status` when given, only `pathPrefix` and what lies below it when given,
    /// at most `limit`.
    public func files(status: FileStatus? = nil, pathPrefix: String? = nil, limit: Int? = nil) throws(StoreError) -> [FileListing] {
        if let limit, limit < 1 { throw .invalidData(reason: "a file listing limit must be positive, not \(limit)") }
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let status {
            conditions.append("f.status = ?")
            arguments.append(status.rawValue)
        }
        if let pathPrefix {
            // Whole components, by byte order: the prefix itself, or between "prefix/" and "prefix0"
            // ("0" is the byte after "/").
            let folder = pathPrefix.hasSuffix("/") ? String(pathPrefix.dropLast()) : pathPrefix
            conditions.append("(f.path = ? OR (f.path >= ? AND f.path < ?))")
            arguments += [folder, folder + "/", folder + "0"]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT f.path, f.status, f.reason, f.chunk_count, f.parser, json_extract(d.metadata, '$.encoding')
            FROM files f LEFT JOIN documents d ON d.file_id = f.id \(filter) ORDER BY f.path
            """ + (limit.map { " LIMIT \($0)" } ?? "")
        return try read(context: "files") { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
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

    /// Bytes of the database file and its write-ahead log.
    private func databaseBytes() throws(StoreError) -> Int64 {
        var total: Int64 = 0
        for path in [access.databaseURL.path, access.databaseURL.path + "-wal"] {
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
