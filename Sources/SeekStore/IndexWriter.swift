import Foundation
import GRDB
import Logging
import SeekCore

/// The one write path of the index. Every method is one SQLite transaction: a crash at any
/// moment leaves the previous state or the new one, never a mix. Methods block the calling
/// thread until the writer connection is free and the transaction has committed.
public final class IndexWriter: Sendable {
    let pool: DatabasePool
    private let model: ModelMarker
    let configuration: StoreConfiguration
    private let logger = Logger(label: "seek.store")

    init(pool: DatabasePool, model: ModelMarker, configuration: StoreConfiguration) {
        self.pool = pool
        self.model = model
        self.configuration = configuration
    }

    /// Records a root folder (or file) to index; adding an existing root returns its id.
    @discardableResult
    public func addRoot(_ path: String) throws(StoreError) -> RootID {
        guard !path.isEmpty else { throw .invalidData(reason: "a root path cannot be empty") }
        return try write(context: "addRoot \(path)") { db in
            try db.execute(
                sql: "INSERT INTO roots (path, added_at) VALUES (?, ?) ON CONFLICT (path) DO NOTHING",
                arguments: [path, Date().timeIntervalSince1970])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM roots WHERE path = ?", arguments: [path]) else {
                throw StoreError.invalidData(reason: "root \(path) vanished right after it was added")
            }
            return RootID(rawValue: id)
        }
    }

    /// Removes a root and every file, document, chunk, vector, code and full-text row under it.
    @discardableResult
    public func removeRoot(_ path: String) throws(StoreError) -> RemovedCounts {
        try write(context: "removeRoot \(path)") { db in
            guard let rootId = try Int64.fetchOne(db, sql: "SELECT id FROM roots WHERE path = ?", arguments: [path]) else {
                throw StoreError.rootNotFound(path: path)
            }
            let files = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files WHERE root_id = ?", arguments: [rootId]) ?? 0
            let chunks = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM chunks WHERE file_id IN (SELECT id FROM files WHERE root_id = ?)",
                arguments: [rootId]) ?? 0
            // Cascades to files -> documents, chunks -> vectors, vector_codes; the chunk delete
            // trigger removes the full-text rows.
            try db.execute(sql: "DELETE FROM roots WHERE id = ?", arguments: [rootId])
            // Edges into the removed files became unresolved (ON DELETE SET NULL); names they
            // shared may now be unique.
            try resolveEdges(db, scope: "1")
            logger.debug("removed root", metadata: ["path": "\(path)", "files": "\(files)", "chunks": "\(chunks)"])
            return RemovedCounts(files: files, chunks: chunks)
        }
    }

    /// Stores a successfully indexed file: replaces its previous chunks (with their vectors, codes
    /// and full-text rows), upserts the file row as `indexed`, stores the extracted text, then
    /// the new chunks, their Float32 vectors, Int8 codes and full-text rows.
    ///
    /// `vectorPrecision` is the precision that computed `embeddings` (`ComputePrecision`'s raw
    /// value: fp32, bf16, int8), recorded on the file row (schema v6). Default fp32.
    ///
    /// Throws `StoreError.invalidData` and writes nothing unless there is one finite,
    /// unit-length embedding of the model's dimension per chunk, the chunk ordinals are distinct
    /// and `vectorPrecision` is a lowercase name (letters and digits).
    public func writeIndexedFile(
        _ file: FileInput, document: ExtractedDocument, chunks: [ChunkDraft], embeddings: [[Float]], vectorPrecision: String = "fp32"
    ) throws(StoreError) {
        let write = FileWrite.indexed(file, document: document, chunks: chunks, embeddings: embeddings, vectorPrecision: vectorPrecision)
        if let rejected = try writeFiles([write]).first ?? nil { throw rejected }
    }

    /// Records a file that failed or was skipped, with the reason, and deletes any chunks (and
    /// extracted text) a previous version of it left: a file that became unreadable must not
    /// keep answering searches with stale text.
    public func writeUnindexedFile(_ file: FileInput, status: FileStatus, reason: String) throws(StoreError) {
        if let rejected = try writeFiles([.unindexed(file, status: status, reason: reason)]).first ?? nil { throw rejected }
    }

    /// Updates the size and modification time of a file whose contents did not change (same hash),
    /// keeping its chunks. Throws `StoreError.fileNotFound` for a file not in the index.
    public func updateFileStats(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp? = nil) throws(StoreError) {
        guard size >= 0, mtime.isFinite else {
            throw .invalidData(reason: "\(path): size \(size) and mtime \(mtime) must be a non-negative size and a finite time")
        }
        try write(context: "updateFileStats \(path)") { db in
            try db.execute(
                sql: "UPDATE files SET size = ?, mtime = ?, ctime = ?, device = ?, inode = ?, updated_at = ? WHERE path = ?",
                arguments: [size, mtime, identity?.changeTime, identity.map { Int64(bitPattern: $0.device) },
                            identity.map { Int64(bitPattern: $0.inode) }, Date().timeIntervalSince1970, path])
            if db.changesCount == 0 { throw StoreError.fileNotFound(path: path) }
        }
    }

    /// Removes files that no longer exist, with their documents, chunks, vectors, codes and
    /// full-text rows, in one transaction. Paths not in the index are ignored (the counts say
    /// what was removed).
    @discardableResult
    public func removeFiles(paths: [String]) throws(StoreError) -> RemovedCounts {
        let batches = Array(Set(paths)).sorted().batches(ofCount: configuration.maxVariablesPerStatement)
        return try write(context: "removeFiles (\(paths.count) paths)") { db in
            var removed = RemovedCounts(files: 0, chunks: 0)
            for batch in batches {
                let marks = databaseQuestionMarks(count: batch.count)
                let arguments = StatementArguments(batch)
                // Edges into these files become unresolved (ON DELETE SET NULL); a name they
                // shared with another file may now be unique, so those edges are resolved again.
                let keys = try graphKeys(db, paths: Array(batch))
                removed.chunks += try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM chunks WHERE file_id IN (SELECT id FROM files WHERE path IN (\(marks)))",
                    arguments: arguments) ?? 0
                try db.execute(sql: "DELETE FROM files WHERE path IN (\(marks))", arguments: arguments)
                removed.files += db.changesCount
                for keyBatch in keys.batches(ofCount: configuration.maxVariablesPerStatement) {
                    try resolveEdges(db, scope: "target_name IN (\(databaseQuestionMarks(count: keyBatch.count)))",
                                     arguments: StatementArguments(keyBatch))
                }
            }
            return removed
        }
    }

    // MARK: - Internals

    /// A chunk with its encoded vector and code, ready to insert.
    struct ChunkRow {
        var chunk: ChunkDraft
        var headingPathJSON: String
        var embedding: Data
        var code: Data
        var scale: Float
    }

    /// Checks everything before the transaction starts, so an invalid file writes nothing.
    func validatedChunkRows(file: FileInput, chunks: [ChunkDraft], embeddings: [[Float]]) throws(StoreError) -> [ChunkRow] {
        try validate(file)
        guard embeddings.count == chunks.count else {
            throw .invalidData(reason: "\(file.path): \(chunks.count) chunks but \(embeddings.count) embeddings")
        }
        var ordinals = Set<Int>()
        var rows: [ChunkRow] = []
        rows.reserveCapacity(chunks.count)
        for (chunk, embedding) in zip(chunks, embeddings) {
            guard ordinals.insert(chunk.ordinal).inserted else {
                throw .invalidData(reason: "\(file.path): chunk ordinal \(chunk.ordinal) appears twice")
            }
            guard chunk.start >= 0, chunk.start <= chunk.end else {
                throw .invalidData(reason: "\(file.path): chunk \(chunk.ordinal) has offsets \(chunk.start)..<\(chunk.end)")
            }
            guard embedding.count == model.dimension else {
                throw .invalidData(reason: "\(file.path): chunk \(chunk.ordinal) has an embedding of dimension \(embedding.count), the index holds \(model.dimension)")
            }
            var squaredNorm: Float = 0
            for value in embedding {
                guard value.isFinite else {
                    throw .invalidData(reason: "\(file.path): chunk \(chunk.ordinal) has a non-finite embedding component \(value)")
                }
                squaredNorm += value * value
            }
            guard abs(squaredNorm.squareRoot() - 1) <= Self.unitNormTolerance else {
                throw .invalidData(reason: "\(file.path): chunk \(chunk.ordinal) has an embedding of norm \(squaredNorm.squareRoot()), not unit length")
            }
            let quantized = try VectorCodec.quantize(embedding)
            rows.append(ChunkRow(
                chunk: chunk,
                headingPathJSON: chunk.headingPath.isEmpty ? "[]" : try Self.json(chunk.headingPath, context: "\(file.path) heading path"),
                embedding: VectorCodec.encodeFloat32(embedding),
                code: VectorCodec.encodeInt8(quantized.codes),
                scale: quantized.scale))
        }
        return rows
    }

    /// How far from 1 the norm of a stored embedding may be (Float32 rounding of a normalised vector).
    private static let unitNormTolerance: Float = 1e-3

    func validate(_ file: FileInput) throws(StoreError) {
        guard !file.path.isEmpty, !file.rootPath.isEmpty else {
            throw .invalidData(reason: "a file needs a path and a root path, got '\(file.path)' under '\(file.rootPath)'")
        }
        guard file.size >= 0, file.mtime.isFinite else {
            throw .invalidData(reason: "\(file.path): size \(file.size) and mtime \(file.mtime) must be a non-negative size and a finite time")
        }
    }

    /// The file row `upsertFile` wrote: its id, whether the row was inserted by this write, and
    /// the graph name key written with it.
    struct UpsertedFile {
        var id: Int64
        /// A new row has nothing hanging off its id (every table referencing `files` cascades its
        /// deletes), so there is nothing of an earlier version to delete.
        var isNew: Bool
        var nameKey: String
    }

    /// Inserts or updates the file row in place (its id, and so nothing hanging off it, changes
    /// only through the explicit deletes of the callers), with its graph name key, and returns its
    /// id. `vectorPrecision` is nil for a file without vectors.
    func upsertFile(
        _ db: Database, _ file: FileInput, contentHash: String?, parser: String?, parserVersion: String?,
        status: FileStatus, reason: String?, chunkCount: Int, title: String?, vectorPrecision: String?
    ) throws -> UpsertedFile {
        guard let rootId = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM roots WHERE path = ?"), arguments: [file.rootPath]) else {
            throw StoreError.rootNotFound(path: file.rootPath)
        }
        let now = Date().timeIntervalSince1970
        let nameKey = GraphKeys.nameKey(ofPath: file.path)
        let values: [(any DatabaseValueConvertible)?] = [
            rootId, file.size, file.mtime, contentHash, parser, parserVersion, status.rawValue, reason,
            chunkCount, title, status == .indexed ? now : nil, now, file.identity?.changeTime,
            file.identity.map { Int64(bitPattern: $0.device) }, file.identity.map { Int64(bitPattern: $0.inode) }, vectorPrecision,
            nameKey,
        ]
        // Cached statements: one file of a run after another compiles them once. Looked up first
        // (rather than INSERT ... ON CONFLICT) so the caller knows whether the row is new.
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM files WHERE path = ?"), arguments: [file.path]) {
            try db.cachedStatement(
                sql: """
                    UPDATE files SET
                        root_id = ?, size = ?, mtime = ?, content_hash = ?, parser = ?, parser_version = ?,
                        status = ?, reason = ?, chunk_count = ?, title = ?, indexed_at = ?, updated_at = ?,
                        ctime = ?, device = ?, inode = ?, vector_precision = ?, name_key = ?
                    WHERE id = ?
                    """).execute(arguments: StatementArguments(values + [existing]))
            return UpsertedFile(id: existing, isNew: false, nameKey: nameKey)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO files (root_id, size, mtime, content_hash, parser, parser_version, status, reason,
                                   chunk_count, title, indexed_at, updated_at, ctime, device, inode, vector_precision, name_key, path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values + [file.path]))
        return UpsertedFile(id: db.lastInsertedRowID, isNew: true, nameKey: nameKey)
    }

    /// One immediate write transaction that also bumps the write generation; every error comes
    /// out as a `StoreError` and rolls the transaction back.
    func write<T>(context: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.wrapping(context: context) {
            try pool.write { db in
                let result = try body(db)
                try db.cachedStatement(sql: "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = ?")
                    .execute(arguments: [IndexSchema.MetaKey.writeGeneration])
                return result
            }
        }
    }

    /// The title shown and indexed for a file: the document's own, else the file name.
    static func displayTitle(_ title: String?, path: String) -> String {
        if let title = title?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty {
            return title
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    static func json(_ value: some Encodable, context: String) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .invalidData(reason: "\(context) cannot be encoded as JSON: \(error)")
        }
    }
}
