import Foundation
import GRDB
import SeekCore

extension IndexWriter {
    /// Stores several files' outcomes in ONE transaction (one commit, one WAL append, one
    /// full-text segment), each file's rows replacing its previous ones as `writeIndexedFile` and
    /// `writeUnindexedFile` describe. Cheaper than a transaction per file when files arrive
    /// together (the indexing pipeline's group commit), and just as safe: a crash leaves every
    /// file of the group wholly old or wholly new.
    ///
    /// A file whose data is invalid (see `writeIndexedFile`) is checked before the transaction
    /// starts and left out; its error comes back at its position in the result, `nil` for a file
    /// that was stored. Any other error (I/O, disk full, a damaged index) rolls the whole group
    /// back and is thrown.
    @discardableResult
    public func writeFiles(_ writes: [FileWrite]) throws(StoreError) -> [StoreError?] {
        var rejected = [StoreError?](repeating: nil, count: writes.count)
        var prepared: [(index: Int, rows: PreparedFileRows)] = []
        prepared.reserveCapacity(writes.count)
        for (index, write) in writes.enumerated() {
            do {
                prepared.append((index, try prepare(write)))
            } catch {
                rejected[index] = error
            }
        }
        guard !prepared.isEmpty else { return rejected }
        let context = writes.count == 1 ? "write \(writes[0].file.path)" : "write \(writes.count) files"
        try write(context: context) { db in
            var fullTextRows: [FullTextRow] = []
            for (_, rows) in prepared { try insert(rows, into: db, fullTextRows: &fullTextRows) }
            // Last, after every other statement of the group: FTS5 flushes its pending terms to
            // a new segment whenever a later statement opens a statement journal (the graph
            // writes' multi-row DELETEs and UPDATE do), which made one segment per file and
            // their merges; inserted here they reach the index once, at commit.
            let insertText = try db.cachedStatement(sql: "INSERT INTO chunks_fts (rowid, text, title, path) VALUES (?, ?, ?, ?)")
            for row in fullTextRows {
                try insertText.execute(arguments: [row.chunkId, row.text, row.title, row.path])
            }
        }
        return rejected
    }

    /// A chunk's full-text row, inserted after the rest of its group (see `writeFiles`).
    struct FullTextRow {
        var fileId: Int64
        var chunkId: Int64
        var text: String
        var title: String?
        var path: String
    }

    /// What one file's write inserts, encoded and checked before any transaction starts.
    struct PreparedFileRows {
        var file: FileInput
        var document: ExtractedDocument?
        var contentHash: String?
        var parser: String?
        var parserVersion: String?
        var status: FileStatus
        var reason: String?
        var title: String?
        var metadataJSON: String?
        var vectorPrecision: String?
        var chunks: [ChunkRow]
        var embeddings: [[Float]]
    }

    private func prepare(_ write: FileWrite) throws(StoreError) -> PreparedFileRows {
        switch write {
        case .indexed(let file, let document, let chunks, let embeddings, let vectorPrecision):
            guard let contentHash = file.contentHash, let parser = file.parser, let parserVersion = file.parserVersion else {
                throw .invalidData(reason: "\(file.path): an indexed file needs a content hash, a parser and a parser version")
            }
            guard !vectorPrecision.isEmpty, vectorPrecision.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
                throw .invalidData(reason: "\(file.path): vector precision '\(vectorPrecision)' is not a precision name such as fp32")
            }
            let rows = try validatedChunkRows(file: file, chunks: chunks, embeddings: embeddings)
            return PreparedFileRows(
                file: file, document: document, contentHash: contentHash, parser: parser, parserVersion: parserVersion,
                status: .indexed, reason: nil, title: Self.displayTitle(document.title, path: file.path),
                metadataJSON: try Self.json(document.metadata, context: "\(file.path) metadata"),
                vectorPrecision: vectorPrecision, chunks: rows, embeddings: embeddings)
        case .unindexed(let file, let status, let reason):
            guard status != .indexed else {
                throw .invalidData(reason: "\(file.path): writeUnindexedFile records failed or skipped files; use writeIndexedFile")
            }
            try validate(file)
            return PreparedFileRows(
                file: file, document: nil, contentHash: file.contentHash, parser: file.parser, parserVersion: file.parserVersion,
                status: status, reason: reason, title: nil, metadataJSON: nil, vectorPrecision: nil, chunks: [], embeddings: [])
        }
    }

    /// One file's rows, inside the caller's transaction: the file row upserted, its old chunks
    /// (with their vectors, codes and full-text rows, by cascade and trigger) and text deleted,
    /// the new text, chunks, vectors, codes and graph rows inserted; its full-text rows are
    /// appended to `fullTextRows` for the caller to insert in the same transaction.
    private func insert(_ rows: PreparedFileRows, into db: Database, fullTextRows: inout [FullTextRow]) throws {
        let file = rows.file
        let upserted = try upsertFile(
            db, file, contentHash: rows.contentHash, parser: rows.parser, parserVersion: rows.parserVersion,
            status: rows.status, reason: rows.reason, chunkCount: rows.chunks.count, title: rows.title,
            vectorPrecision: rows.vectorPrecision)
        let fileId = upserted.id
        if !upserted.isNew {
            try db.cachedStatement(sql: "DELETE FROM chunks WHERE file_id = ?").execute(arguments: [fileId])
            // The same file twice in one group: its earlier chunks are gone, so are their pending rows.
            fullTextRows.removeAll { $0.fileId == fileId }
        }
        guard let document = rows.document, let metadataJSON = rows.metadataJSON else {
            try db.cachedStatement(sql: "DELETE FROM documents WHERE file_id = ?").execute(arguments: [fileId])
            try writeGraph(db, row: upserted, file: file, document: nil, chunks: [], embeddings: [])
            return
        }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO documents (file_id, text, metadata) VALUES (?, ?, ?)")
            .execute(arguments: [fileId, document.text, metadataJSON])
        let insertChunk = try db.cachedStatement(sql: """
            INSERT INTO chunks (file_id, ordinal, text, start_offset, end_offset, page, heading_path, token_count, text_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertVector = try db.cachedStatement(sql: "INSERT INTO vectors (chunk_id, embedding) VALUES (?, ?)")
        let insertCode = try db.cachedStatement(sql: "INSERT INTO vector_codes (chunk_id, code, scale) VALUES (?, ?, ?)")
        var spans: [ChunkSpan] = []
        spans.reserveCapacity(rows.chunks.count)
        for row in rows.chunks {
            let chunk = row.chunk
            try insertChunk.execute(arguments: [
                fileId, chunk.ordinal, chunk.text, chunk.start, chunk.end, chunk.page, row.headingPathJSON,
                chunk.tokenCount, chunk.textHash,
            ])
            let chunkId = db.lastInsertedRowID
            spans.append(ChunkSpan(start: chunk.start, end: chunk.end, id: chunkId))
            try insertVector.execute(arguments: [chunkId, row.embedding])
            try insertCode.execute(arguments: [chunkId, row.code, Double(row.scale)])
            fullTextRows.append(FullTextRow(fileId: fileId, chunkId: chunkId, text: chunk.text, title: rows.title, path: file.path))
        }
        try writeGraph(db, row: upserted, file: file, document: document, chunks: spans, embeddings: rows.embeddings)
    }
}
