import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// Writes. Each is one transaction that ends by bumping the write generation and notifying
/// `seek_index_changed` (delivered to listeners only when the transaction commits).
extension PostgresIndexStore {
    /// Records a root folder (or file) to index in this store's namespace; adding an existing
    /// root returns its id.
    @discardableResult
    public func addRoot(_ path: String) async throws(PostgresStoreError) -> RootID {
        guard !path.isEmpty else { throw .invalidData(operation: "addRoot", path: path, reason: "a root path cannot be empty") }
        let logger = logger
        let namespace = configuration.namespace
        let id = try await transaction("addRoot", path: path) { connection in
            try await connection.query("""
                INSERT INTO roots (namespace, path, added_at) VALUES (\(namespace), \(path), \(Date().timeIntervalSince1970))
                ON CONFLICT (namespace, path) DO NOTHING
                """, logger: logger)
            let id = try await Self.single(
                Int64.self, connection.query("SELECT id FROM roots WHERE namespace = \(namespace) AND path = \(path)", logger: logger))
            try await Self.notifyChange(connection, logger: logger)
            return id
        }
        guard let id else { throw .rootNotFound(namespace: namespace, path: path) }
        return RootID(rawValue: id)
    }

    /// Stores a successfully indexed file, as `IndexWriter.writeIndexedFile`: upserts the file
    /// row as `indexed`, replaces its extracted text, deletes its previous chunks (their vectors
    /// go with them) and inserts the new chunks and vectors — all in one transaction, after
    /// taking the file's advisory lock so two writers of one path follow each other.
    ///
    /// Throws `PostgresStoreError.invalidData` and writes nothing unless there is one finite,
    /// unit-length embedding of the model's dimension per chunk, ordinals are distinct and
    /// `vectorPrecision` is a lowercase name. Throws `.rootNotFound` when `file.rootPath` was
    /// not added in this namespace.
    public func writeIndexedFile(
        _ file: FileInput, document: ExtractedDocument, chunks: [ChunkDraft], embeddings: [[Float]], vectorPrecision: String = "fp32"
    ) async throws(PostgresStoreError) {
        let operation = "writeIndexedFile"
        func invalid(_ reason: String) -> PostgresStoreError { .invalidData(operation: operation, path: file.path, reason: reason) }
        guard let contentHash = file.contentHash, let parser = file.parser, let parserVersion = file.parserVersion else {
            throw invalid("an indexed file needs a content hash, a parser and a parser version")
        }
        guard !vectorPrecision.isEmpty, vectorPrecision.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
            throw invalid("vector precision '\(vectorPrecision)' is not a precision name such as fp32")
        }
        try Self.validate(file, operation: operation)
        let rows = try PostgresChunkRows(file: file, chunks: chunks, embeddings: embeddings, dimension: model.dimension)
        guard !document.text.contains("\u{0}") else { throw invalid("the extracted text contains NUL characters, which PostgreSQL text cannot hold") }
        let title = Self.displayTitle(document.title, path: file.path)
        let metadata = try Self.json(document.metadata, operation: operation, path: file.path)
        let graph = PostgresGraphRows(file: file, document: document, embeddings: embeddings)
        let edges = try graph.edgesJSON(chunks: chunks)
        let logger = logger
        let namespace = configuration.namespace
        // Five statements between BEGIN and COMMIT, each a round trip: the two locks, the file
        // row with its text (old chunks dropped), the chunks with vectors and graph rows, the
        // edges' resolution with the change notification.
        try await transaction(operation, path: file.path) { connection in
            try await Self.lockPath(connection, namespace: namespace, path: file.path, logger: logger)
            try await Self.lockGraphKeys(connection, namespace: namespace, keys: graph.lockKeys(path: file.path), aliasesOf: file.path, logger: logger)
            let fileId = try await Self.upsertFile(
                connection, file, namespace: namespace, contentHash: contentHash, parser: parser, parserVersion: parserVersion,
                status: .indexed, reason: nil, chunkCount: chunks.count, title: title, vectorPrecision: vectorPrecision,
                nameKey: graph.nameKey, document: (document.text, metadata), logger: logger)
            try await Self.writeChunksAndGraph(connection, fileId: fileId, path: file.path, namespace: namespace, chunks: rows,
                                               graph: graph, edges: edges, logger: logger)
        }
    }

    /// Records a file that failed or was skipped, with the reason, and deletes the chunks and
    /// text a previous version left (as `IndexWriter.writeUnindexedFile`).
    public func writeUnindexedFile(_ file: FileInput, status: FileStatus, reason: String) async throws(PostgresStoreError) {
        let operation = "writeUnindexedFile"
        guard status != .indexed else {
            throw .invalidData(operation: operation, path: file.path, reason: "records failed or skipped files; use writeIndexedFile")
        }
        try Self.validate(file, operation: operation)
        let graph = PostgresGraphRows(file: file, document: nil, embeddings: [])
        let noChunks = try PostgresChunkRows(file: file, chunks: [], embeddings: [], dimension: model.dimension)
        let logger = logger
        let namespace = configuration.namespace
        try await transaction(operation, path: file.path) { connection in
            try await Self.lockPath(connection, namespace: namespace, path: file.path, logger: logger)
            try await Self.lockGraphKeys(connection, namespace: namespace, keys: graph.lockKeys(path: file.path), aliasesOf: file.path, logger: logger)
            let fileId = try await Self.upsertFile(
                connection, file, namespace: namespace, contentHash: file.contentHash, parser: file.parser, parserVersion: file.parserVersion,
                status: status, reason: reason, chunkCount: 0, title: nil, vectorPrecision: nil, nameKey: graph.nameKey, document: nil,
                logger: logger)
            // The file stays a node (links to it resolve) without edges, aliases or document vector.
            try await Self.writeChunksAndGraph(connection, fileId: fileId, path: file.path, namespace: namespace, chunks: noChunks,
                                               graph: graph, edges: "[]", logger: logger)
        }
    }

    /// Removes files of this namespace with their documents, chunks and vectors, in one
    /// transaction. Paths not in the index are ignored (the counts say what was removed).
    @discardableResult
    public func removeFiles(paths: [String]) async throws(PostgresStoreError) -> RemovedCounts {
        let paths = Array(Set(paths)).sorted()
        guard !paths.isEmpty else { return RemovedCounts(files: 0, chunks: 0) }
        let logger = logger
        let namespace = configuration.namespace
        return try await transaction("removeFiles (\(paths.count) paths)") { connection in
            // The same per-path locks as the writers, taken in one fixed order (no deadlocks).
            try await connection.query("""
                SELECT pg_advisory_xact_lock(key) FROM (
                    SELECT DISTINCT hashtext(\(namespace) || E'\\n' || path) AS key FROM unnest(\(paths)::text[]) AS t(path)
                    ORDER BY key
                ) AS keys
                """, logger: logger)
            // Edges into these files become unresolved (ON DELETE SET NULL); a name they shared
            // with another file may now be unique, so those edges are resolved again.
            let names = try await Self.graphNames(connection, namespace: namespace, paths: paths, logger: logger)
            try await Self.lockGraphKeys(connection, namespace: namespace, keys: (paths.map { "p:" + $0 } + names.map { "n:" + $0 }).sorted(),
                                         logger: logger)
            let chunks = try await Self.single(Int.self, connection.query("""
                SELECT count(*)::int8 FROM chunks WHERE file_id IN (
                    SELECT id FROM files WHERE namespace = \(namespace) AND path = ANY(\(paths)::text[]))
                """, logger: logger)) ?? 0
            let files = try await Self.single(Int.self, connection.query("""
                WITH removed AS (DELETE FROM files WHERE namespace = \(namespace) AND path = ANY(\(paths)::text[]) RETURNING 1)
                SELECT count(*)::int8 FROM removed
                """, logger: logger)) ?? 0
            try await Self.resolveEdges(connection, namespace: namespace, names: names, logger: logger)
            try await Self.notifyChange(connection, logger: logger)
            return RemovedCounts(files: files, chunks: chunks)
        }
    }

    // MARK: - Internals

    /// Waits for, then holds until the transaction ends, the lock of one file path in one
    /// namespace. Different paths rarely share a key (a 32-bit hash); when they do, their
    /// writers only wait for each other.
    static func lockPath(_ connection: PostgresConnection, namespace: String, path: String, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(namespace + "\n" + path)))", logger: logger)
    }

    /// Bumps the write generation and notifies `seek_index_changed` with it; listeners get the
    /// notification when (and only if) the transaction commits.
    static func notifyChange(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "SELECT pg_notify(\(PostgresSchema.changeChannel), nextval('write_generation')::text)", logger: logger)
    }

    /// Inserts or updates the file row in place, drops its chunks (their vectors and edges go
    /// with them) and stores `document`'s text and metadata JSON, or drops its text without a
    /// document; returns the file's id. One statement. Throws `rootNotFound` when the file's
    /// root was never added in `namespace`.
    private static func upsertFile(
        _ connection: PostgresConnection, _ file: FileInput, namespace: String, contentHash: String?, parser: String?,
        parserVersion: String?, status: FileStatus, reason: String?, chunkCount: Int, title: String?, vectorPrecision: String?,
        nameKey: String, document: (text: String, metadata: String)?, logger: Logger
    ) async throws -> Int64 {
        let now = Date().timeIntervalSince1970
        let indexedAt: Double? = status == .indexed ? now : nil
        let device = file.identity.map { Int64(bitPattern: $0.device) }
        let inode = file.identity.map { Int64(bitPattern: $0.inode) }
        let id = try await single(Int64.self, connection.query("""
            WITH upserted AS (
            INSERT INTO files (root_id, namespace, path, size, mtime, content_hash, parser, parser_version, status, reason,
                               chunk_count, title, indexed_at, updated_at, ctime, device, inode, vector_precision, name_key)
            SELECT r.id, \(namespace), \(file.path), \(file.size), \(file.mtime), \(contentHash), \(parser), \(parserVersion),
                   \(status.rawValue), \(reason), \(chunkCount), \(title), \(indexedAt), \(now), \(file.identity?.changeTime),
                   \(device), \(inode), \(vectorPrecision), \(nameKey)
            FROM roots r WHERE r.namespace = \(namespace) AND r.path = \(file.rootPath)
            ON CONFLICT (namespace, path) DO UPDATE SET
                root_id = excluded.root_id, size = excluded.size, mtime = excluded.mtime, ctime = excluded.ctime,
                device = excluded.device, inode = excluded.inode, content_hash = excluded.content_hash, parser = excluded.parser,
                parser_version = excluded.parser_version, status = excluded.status, reason = excluded.reason,
                chunk_count = excluded.chunk_count, title = excluded.title, indexed_at = excluded.indexed_at,
                updated_at = excluded.updated_at, vector_precision = excluded.vector_precision, name_key = excluded.name_key
            RETURNING id
            ),
            dropped_chunks AS (DELETE FROM chunks WHERE file_id IN (SELECT id FROM upserted)),
            stored_document AS (
                INSERT INTO documents (file_id, text, metadata)
                SELECT id, \(document?.text), \(document?.metadata)::jsonb FROM upserted WHERE \(document?.text)::text IS NOT NULL
                ON CONFLICT (file_id) DO UPDATE SET text = excluded.text, metadata = excluded.metadata
            ),
            dropped_document AS (DELETE FROM documents WHERE file_id IN (SELECT id FROM upserted) AND \(document?.text)::text IS NULL)
            SELECT id FROM upserted
            """, logger: logger))
        // No row: the root was never added in this namespace (nothing was inserted).
        guard let id else { throw PostgresStoreError.rootNotFound(namespace: namespace, path: file.rootPath) }
        return id
    }

    private static func validate(_ file: FileInput, operation: String) throws(PostgresStoreError) {
        guard !file.path.isEmpty, !file.rootPath.isEmpty else {
            throw .invalidData(operation: operation, path: file.path, reason: "a file needs a path and a root path, got '\(file.path)' under '\(file.rootPath)'")
        }
        guard file.size >= 0, file.mtime.isFinite else {
            throw .invalidData(operation: operation, path: file.path, reason: "size \(file.size) and mtime \(file.mtime) must be a non-negative size and a finite time")
        }
    }

    /// The first column of the first row, or nil when there is no row.
    static func single<Value: PostgresDecodable & Sendable>(_ type: Value.Type, _ rows: PostgresRowSequence) async throws -> Value? {
        for try await value in rows.decode(Value.self) {
            return value
        }
        return nil
    }

    /// The title shown for a file: the document's own, else the file name (as SQLite's store).
    static func displayTitle(_ title: String?, path: String) -> String {
        if let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty {
            return title
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    static func json(_ value: some Encodable, operation: String, path: String?) throws(PostgresStoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .invalidData(operation: operation, path: path, reason: "cannot be encoded as JSON: \(error)")
        }
    }
}
