import Foundation
import GRDB
import SeekCore

extension CatalogReader {
    /// The files after `path` (all when nil), in path order, at most `limit`, each as the
    /// `FileWrite` that recreates its rows in another store (`seek export`): metadata, extracted
    /// text, chunks with their vectors and precision; a failed or skipped file with its reason.
    /// Links are not carried (the receiving store resolves none). One read snapshot per call.
    public func exportedFiles(after path: String?, limit: Int) throws(StoreError) -> [FileWrite] {
        guard limit > 0 else { throw .invalidData(reason: "export limit must be positive, got \(limit)") }
        let dimension = model.dimension
        return try read(context: "exportedFiles") { db in
            let files = try Row.fetchAll(db, sql: """
                SELECT f.id, f.path, r.path, f.size, f.mtime, f.content_hash, f.parser, f.parser_version, f.status, f.reason,
                       f.title, f.ctime, f.device, f.inode, f.vector_precision, d.text, d.metadata
                FROM files f JOIN roots r ON r.id = f.root_id LEFT JOIN documents d ON d.file_id = f.id
                WHERE ? IS NULL OR f.path > ?
                ORDER BY f.path LIMIT ?
                """, arguments: [path, path, limit])
            return try files.map { row -> FileWrite in
                let fileId: Int64 = row[0]
                let filePath: String = row[1]
                let input = FileInput(
                    path: filePath, rootPath: row[2], size: row[3], mtime: row[4], contentHash: row[5], parser: row[6],
                    parserVersion: row[7], identity: Self.identityStamp(row, from: 11))
                let status = try Self.status(row[8])
                guard status == .indexed else { return .unindexed(input, status: status, reason: row[9] ?? status.rawValue) }
                guard let text: String = row[15], let metadataJSON: String = row[16] else {
                    throw StoreError.damaged(reason: "indexed file \(filePath) has no document row")
                }
                let metadata = try Self.decodeJSON([String: String].self, from: metadataJSON, context: "metadata of \(filePath)")
                var chunks: [ChunkDraft] = []
                var embeddings: [[Float]] = []
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.id, c.ordinal, c.text, c.start_offset, c.end_offset, c.page, c.heading_path, c.token_count, c.text_hash,
                           v.embedding
                    FROM chunks c JOIN vectors v ON v.chunk_id = c.id WHERE c.file_id = ? ORDER BY c.ordinal
                    """, arguments: [fileId])
                while let chunk = try rows.next() {
                    let chunkId: Int64 = chunk[0]
                    chunks.append(ChunkDraft(
                        ordinal: chunk[1], text: chunk[2], start: chunk[3], end: chunk[4], page: chunk[5],
                        headingPath: try Self.decodeJSON([String].self, from: chunk[6], context: "heading path of chunk \(chunkId)"),
                        tokenCount: chunk[7], textHash: chunk[8]))
                    embeddings.append(try Self.decodeFloat32(chunk, column: 9, chunkId: chunkId, dimension: dimension))
                }
                var document = ExtractedDocument(text: text, title: row[10], metadata: metadata)
                document.aliases = try String.fetchAll(db, sql: "SELECT alias_key FROM file_aliases WHERE file_id = ? ORDER BY alias_key",
                                                       arguments: [fileId])
                document.links = try Row.fetchAll(db, sql: """
                    SELECT e.kind, e.target_text, e.anchor, e.target_path, e.target_name, c.ordinal
                    FROM edges e LEFT JOIN chunks c ON c.id = e.chunk_id WHERE e.source_file_id = ? ORDER BY e.id
                    """, arguments: [fileId]).map { edge in
                    let kindName: String = edge[0]
                    guard let kind = DocumentLink.Kind(rawValue: kindName) else {
                        throw StoreError.invalidData(reason: "edge kind '\(kindName)' of \(filePath) is unknown")
                    }
                    let ordinal: Int? = edge[5]
                    return GraphKeys.storedLink(
                        kind: kind, target: edge[1], anchor: edge[2], targetPath: edge[3], targetName: edge[4],
                        chunkIndex: ordinal.flatMap { ordinal in chunks.firstIndex { $0.ordinal == ordinal } }, chunks: chunks,
                        sourcePath: filePath, rootPath: input.rootPath)
                }
                return .indexed(input, document: document, chunks: chunks, embeddings: embeddings, vectorPrecision: row[14] ?? "fp32")
            }
        }
    }
}
