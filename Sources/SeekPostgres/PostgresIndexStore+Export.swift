import Foundation
import PostgresNIO
import SeekCore
import SeekStore

extension PostgresIndexStore {
    /// The files of this namespace after `path` (all when nil), in path order, at most `limit`,
    /// each as the `FileWrite` that recreates its rows in another store (`seek export --from`),
    /// vectors included. One transaction per call.
    public func exportedFiles(after path: String?, limit: Int) async throws(PostgresStoreError) -> [FileWrite] {
        guard limit > 0 else { throw .invalidData(operation: "exportedFiles", path: nil, reason: "limit must be positive, got \(limit)") }
        let logger = logger
        let namespace = configuration.namespace
        return try await transaction("exportedFiles") { connection in
            struct FileRow {
                let id: Int64
                let input: FileInput
                let status: FileStatus
                let reason: String?
                let title: String?
                let precision: String?
                let text: String?
                let metadata: String?
            }
            var files: [FileRow] = []
            let rows = try await connection.query("""
                SELECT f.id, f.path, r.path, f.size, f.mtime, f.content_hash, f.parser, f.parser_version, f.status, f.reason,
                       f.title, f.ctime, f.device, f.inode, f.vector_precision, d.text, d.metadata::text
                FROM files f JOIN roots r ON r.id = f.root_id LEFT JOIN documents d ON d.file_id = f.id
                WHERE f.namespace = \(namespace) AND (\(path)::text IS NULL OR f.path > \(path)::text)
                ORDER BY f.path LIMIT \(limit)
                """, logger: logger)
            for try await row in rows {
                let (id, filePath, rootPath, size, mtime, contentHash, parser, parserVersion, status, reason) =
                    try row.decode((Int64, String, String, Int64, Double, String?, String?, String?, String, String?).self)
                let cells = Array(row)
                let title = try cells[10].decode(String?.self)
                let ctime = try cells[11].decode(Double?.self)
                let device = try cells[12].decode(Int64?.self)
                let inode = try cells[13].decode(Int64?.self)
                let precision = try cells[14].decode(String?.self)
                let text = try cells[15].decode(String?.self)
                let metadata = try cells[16].decode(String?.self)
                guard let fileStatus = FileStatus(rawValue: status) else {
                    throw PostgresStoreError.invalidData(operation: "exportedFiles", path: filePath, reason: "unknown file status \(status)")
                }
                var identity: FileIdentityStamp?
                if let ctime, let device, let inode {
                    identity = FileIdentityStamp(changeTime: ctime, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode))
                }
                let input = FileInput(path: filePath, rootPath: rootPath, size: size, mtime: mtime, contentHash: contentHash, parser: parser,
                                      parserVersion: parserVersion, identity: identity)
                files.append(FileRow(id: id, input: input, status: fileStatus, reason: reason, title: title, precision: precision,
                                     text: text, metadata: metadata))
            }
            var chunksByFile: [Int64: [(ChunkDraft, [Float])]] = [:]
            let indexedIds = files.filter { $0.status == .indexed }.map(\.id)
            if !indexedIds.isEmpty {
                let chunkRows = try await connection.query("""
                    SELECT c.file_id, c.ordinal::int8, c.text, c.start_offset::int8, c.end_offset::int8, c.page::int8, c.heading_path::text,
                           c.token_count::int8, c.text_hash, v.embedding::real[]
                    FROM chunks c JOIN vectors v ON v.chunk_id = c.id
                    WHERE c.file_id = ANY(\(indexedIds)::int8[]) ORDER BY c.file_id, c.ordinal
                    """, logger: logger)
                for try await row in chunkRows {
                    let (fileId, ordinal, text, start, end, page, headingPathJSON, tokenCount, textHash, embedding) =
                        try row.decode((Int64, Int, String, Int, Int, Int?, String, Int, String, [Float]).self)
                    guard let headingPath = try? JSONDecoder().decode([String].self, from: Data(headingPathJSON.utf8)) else {
                        throw PostgresStoreError.invalidData(operation: "exportedFiles", path: nil,
                                                             reason: "heading path of chunk \(ordinal) of file \(fileId) is not a JSON string array")
                    }
                    let chunk = ChunkDraft(ordinal: ordinal, text: text, start: start, end: end, page: page, headingPath: headingPath,
                                           tokenCount: tokenCount, textHash: textHash)
                    chunksByFile[fileId, default: []].append((chunk, embedding))
                }
            }
            // The graph rows of the indexed files, rebuilt as the links and aliases they came from.
            var edgesByFile: [Int64: [(kind: String, target: String, anchor: String?, path: String?, name: String?, ordinal: Int?)]] = [:]
            var aliasesByFile: [Int64: [String]] = [:]
            if !indexedIds.isEmpty {
                for try await (fileId, kind, target, anchor, targetPath, targetName, ordinal) in try await connection.query("""
                    SELECT e.source_file_id, e.kind, e.target_text, e.anchor, e.target_path, e.target_name, c.ordinal::int8
                    FROM edges e LEFT JOIN chunks c ON c.id = e.chunk_id
                    WHERE e.source_file_id = ANY(\(indexedIds)::int8[]) ORDER BY e.source_file_id, e.id
                    """, logger: logger).decode((Int64, String, String, String?, String?, String?, Int?).self) {
                    edgesByFile[fileId, default: []].append((kind, target, anchor, targetPath, targetName, ordinal))
                }
                for try await (fileId, alias) in try await connection.query("""
                    SELECT file_id, alias_key FROM file_aliases WHERE file_id = ANY(\(indexedIds)::int8[]) ORDER BY file_id, alias_key
                    """, logger: logger).decode((Int64, String).self) {
                    aliasesByFile[fileId, default: []].append(alias)
                }
            }
            return try files.map { file -> FileWrite in
                guard file.status == .indexed else {
                    return .unindexed(file.input, status: file.status, reason: file.reason ?? file.status.rawValue)
                }
                guard let text = file.text, let metadataJSON = file.metadata,
                      let metadata = try? JSONDecoder().decode([String: String].self, from: Data(metadataJSON.utf8)) else {
                    throw PostgresStoreError.invalidData(operation: "exportedFiles", path: file.input.path, reason: "indexed file has no readable document row")
                }
                let chunks = chunksByFile[file.id] ?? []
                let drafts = chunks.map(\.0)
                var document = ExtractedDocument(text: text, title: file.title, metadata: metadata)
                document.aliases = aliasesByFile[file.id] ?? []
                document.links = try (edgesByFile[file.id] ?? []).map { edge in
                    guard let kind = DocumentLink.Kind(rawValue: edge.kind) else {
                        throw PostgresStoreError.invalidData(operation: "exportedFiles", path: file.input.path, reason: "edge kind '\(edge.kind)' is unknown")
                    }
                    return GraphKeys.storedLink(
                        kind: kind, target: edge.target, anchor: edge.anchor, targetPath: edge.path, targetName: edge.name,
                        chunkIndex: edge.ordinal.flatMap { ordinal in drafts.firstIndex { $0.ordinal == ordinal } }, chunks: drafts,
                        sourcePath: file.input.path, rootPath: file.input.rootPath)
                }
                return .indexed(file.input, document: document, chunks: drafts, embeddings: chunks.map(\.1), vectorPrecision: file.precision ?? "fp32")
            }
        }
    }
}
