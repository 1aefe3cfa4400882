import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// What `seek files`, `seek show` and the server's `/api/files` and `/api/file` read, as the
/// SQLite store's `CatalogReader` answers them, over every namespace of the database.
extension PostgresIndexStore {
    /// Files sorted by path (then namespace), with status, reason, chunks, parser and detected
    /// encoding: only those with `status`, only `pathPrefix` and what is below it (whole
    /// components), at most `limit`, when given.
    public func files(status: FileStatus? = nil, pathPrefix: String? = nil, limit: Int? = nil) async throws(PostgresStoreError) -> [FileListing] {
        if let limit, limit < 1 { throw .invalidData(operation: "files", path: nil, reason: "a file listing limit must be positive, not \(limit)") }
        let filter = PostgresFileFilter(pathPrefix: pathPrefix)
        let statusText = status?.rawValue
        let logger = logger
        return try await transaction("files") { connection in
            let rows = try await connection.query("""
                SELECT f.path, f.status, f.reason, f.chunk_count::int8, f.parser, d.metadata ->> 'encoding'
                FROM files f LEFT JOIN documents d ON d.file_id = f.id
                WHERE \(matching: filter) AND (\(statusText)::text IS NULL OR f.status = \(statusText))
                ORDER BY f.path, f.namespace
                LIMIT \(limit ?? Int(Int32.max))
                """, logger: logger)
            var listings: [FileListing] = []
            for try await (path, statusName, reason, chunks, parser, encoding) in rows.decode((String, String, String?, Int, String?, String?).self) {
                guard let status = FileStatus(rawValue: statusName) else {
                    throw PostgresStoreError.invalidData(operation: "files", path: path, reason: "unknown status '\(statusName)'")
                }
                listings.append(FileListing(path: path, status: status, reason: reason, chunkCount: chunks, parser: parser, encoding: encoding))
            }
            return listings
        }
    }

    /// The extracted text and chunks of the indexed file at `path` (this process's namespace
    /// first when several hosts indexed the same path).
    /// - Throws: `.fileNotFound` for a path not in the index, `.notIndexed` for a failed or skipped file.
    public func document(path: String) async throws(PostgresStoreError) -> StoredDocument {
        let namespace = configuration.namespace
        let logger = logger
        return try await transaction("document", path: path) { connection in
            var found: (id: Int64, status: String, reason: String?, title: String?, text: String?, metadata: String?)?
            for try await row in try await connection.query("""
                SELECT f.id, f.status, f.reason, f.title, d.text, d.metadata::text
                FROM files f LEFT JOIN documents d ON d.file_id = f.id
                WHERE f.path = \(path)
                ORDER BY f.namespace = \(namespace) DESC, f.namespace
                LIMIT 1
                """, logger: logger).decode((Int64, String, String?, String?, String?, String?).self) {
                found = row
            }
            guard let file = found else { throw PostgresStoreError.fileNotFound(path: path) }
            let status = FileStatus(rawValue: file.status) ?? .failed
            guard status == .indexed, let text = file.text, let metadataJSON = file.metadata else {
                throw PostgresStoreError.notIndexed(path: path, status: status, reason: file.reason)
            }
            guard let metadata = try? JSONDecoder().decode([String: String].self, from: Data(metadataJSON.utf8)) else {
                throw PostgresStoreError.invalidData(operation: "document", path: path, reason: "the document metadata is not a JSON object of strings")
            }
            var chunks: [StoredChunk] = []
            for try await (id, ordinal, start, end, page, chunkText, headingJSON, tokens) in try await connection.query("""
                SELECT id, ordinal::int8, start_offset::int8, end_offset::int8, page::int8, text, heading_path::text, token_count::int8
                FROM chunks WHERE file_id = \(file.id) ORDER BY ordinal
                """, logger: logger).decode((Int64, Int, Int, Int, Int?, String, String, Int).self) {
                guard let headingPath = try? JSONDecoder().decode([String].self, from: Data(headingJSON.utf8)) else {
                    throw PostgresStoreError.invalidData(operation: "document", path: path, reason: "heading path of chunk \(id) is not a JSON string array")
                }
                chunks.append(StoredChunk(id: id, ordinal: ordinal, start: start, end: end, page: page, text: chunkText,
                                          headingPath: headingPath, tokenCount: tokens))
            }
            return StoredDocument(path: path, title: file.title ?? Self.displayTitle(nil, path: path), text: text, metadata: metadata, chunks: chunks)
        }
    }
}
