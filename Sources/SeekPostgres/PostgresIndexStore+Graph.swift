import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// The knowledge graph read from PostgreSQL, with the meaning and orders of SQLite's
/// `GraphReader` (texts ordered byte-wise, `COLLATE "C"`, as SQLite compares them). Counts, tags
/// and the whole graph cover every namespace; a path names the file of this store's namespace
/// first, else of the first namespace holding it.
extension PostgresIndexStore: GraphReading {
    public func counts() async throws -> GraphCounts {
        try await transaction("graphCounts") { [self] connection in
            let rows = try await connection.query("""
                SELECT (SELECT count(*) FROM files)::int8,
                       (SELECT count(*) FROM edges WHERE kind <> 'tag')::int8,
                       (SELECT count(*) FROM edges WHERE kind <> 'tag' AND target_file_id IS NULL)::int8,
                       (SELECT count(DISTINCT target_text) FROM edges WHERE kind = 'tag')::int8
                """, logger: logger)
            for try await (nodes, edges, unresolved, tags) in rows.decode((Int, Int, Int, Int).self) {
                return GraphCounts(nodes: nodes, edges: edges, unresolvedLinks: unresolved, tags: tags)
            }
            return GraphCounts()
        }
    }

    public func fileId(path: String) async throws -> Int64 {
        let found = try await transaction("fileId", path: path) { [self] connection in
            try await Self.single(Int64.self, connection.query(fileIdQuery(path), logger: logger))
        }
        guard let found else { throw PostgresStoreError.fileNotFound(path: path) }
        return found
    }

    public func outgoing(path: String) async throws -> [GraphEdge] {
        let id = try await fileId(path: path)
        return try await edges("outgoing", path: path, condition: "e.source_file_id = \(id)", order: "e.id", withChunkText: false)
    }

    public func incoming(path: String) async throws -> [GraphEdge] {
        let id = try await fileId(path: path)
        return try await edges("incoming", path: path, condition: "e.target_file_id = \(id)", order: #"s.path COLLATE "C", e.id"#,
                               withChunkText: true)
    }

    public func allEdges() async throws -> [GraphEdge] {
        try await edges("allEdges", path: nil, condition: "TRUE", order: #"s.path COLLATE "C", s.namespace, e.id"#, withChunkText: false)
    }

    public func nodes() async throws -> [GraphNode] {
        try await transaction("graphNodes") { [self] connection in
            var nodes: [GraphNode] = []
            for try await (id, path, title, chunks, status) in try await connection.query("""
                SELECT id, path, title, chunk_count::int8, status FROM files ORDER BY path COLLATE "C", namespace
                """, logger: logger).decode((Int64, String, String?, Int, String).self) {
                nodes.append(GraphNode(fileId: id, path: path, title: title, chunks: chunks, status: status))
            }
            return nodes
        }
    }

    public func tags() async throws -> [(tag: String, files: Int)] {
        try await transaction("tags") { [self] connection in
            var tags: [(tag: String, files: Int)] = []
            for try await (tag, files) in try await connection.query("""
                SELECT target_text, count(DISTINCT source_file_id)::int8 AS n FROM edges WHERE kind = 'tag'
                GROUP BY target_text ORDER BY n DESC, target_text COLLATE "C"
                """, logger: logger).decode((String, Int).self) {
                tags.append((tag, files))
            }
            return tags
        }
    }

    public func files(tag: String) async throws -> [String] {
        try await transaction("files tag \(tag)") { [self] connection in
            var paths: [String] = []
            for try await path in try await connection.query("""
                SELECT DISTINCT f.path COLLATE "C" AS path FROM edges e JOIN files f ON f.id = e.source_file_id
                WHERE e.kind = 'tag' AND (e.target_text = \(tag) OR starts_with(e.target_text, \(tag + "/")))
                ORDER BY 1
                """, logger: logger).decode(String.self) {
                paths.append(path)
            }
            return paths
        }
    }

    public func linkedTargets(path: String) async throws -> [String] {
        let id = try await fileId(path: path)
        return try await transaction("linkedTargets", path: path) { [self] connection in
            var paths: [String] = []
            for try await target in try await connection.query("""
                SELECT DISTINCT t.path COLLATE "C" AS path FROM edges e JOIN files t ON t.id = e.target_file_id
                WHERE e.source_file_id = \(id) AND e.kind <> 'tag' ORDER BY 1
                """, logger: logger).decode(String.self) {
                paths.append(target)
            }
            return paths
        }
    }

    public func linkedPairs() async throws -> Set<FilePair> {
        try await transaction("linkedPairs") { [self] connection in
            var pairs = Set<FilePair>()
            for try await (source, target) in try await connection.query("""
                SELECT DISTINCT source_file_id, target_file_id FROM edges WHERE kind <> 'tag' AND target_file_id IS NOT NULL
                """, logger: logger).decode((Int64, Int64).self) {
                pairs.insert(FilePair(source, target))
            }
            return pairs
        }
    }

    public func documentVectors(pathPrefix: String?) async throws -> DocumentVectorMatrix {
        let filter = PostgresFileFilter(pathPrefix: pathPrefix)
        let dimension = model.dimension
        return try await transaction("documentVectors") { [self] connection in
            var matrix = DocumentVectorMatrix(fileIds: [], paths: [], values: [], dimension: dimension)
            for try await (id, path, vector) in try await connection.query("""
                SELECT f.id, f.path, d.embedding::real[] FROM document_vectors d JOIN files f ON f.id = d.file_id
                WHERE \(matching: filter) ORDER BY f.id
                """, logger: logger).decode((Int64, String, [Float]).self) {
                guard vector.count == dimension else {
                    throw PostgresStoreError.invalidData(
                        operation: "documentVectors", path: path, reason: "the document vector has \(vector.count) values, not \(dimension)")
                }
                matrix.fileIds.append(id)
                matrix.paths.append(path)
                matrix.values.append(contentsOf: vector)
            }
            return matrix
        }
    }

    public func chunkVectors(fileId: Int64) async throws -> [(chunkId: Int64, text: String, vector: [Float])] {
        let dimension = model.dimension
        return try await transaction("chunkVectors") { [self] connection in
            var chunks: [(chunkId: Int64, text: String, vector: [Float])] = []
            for try await (id, text, vector) in try await connection.query("""
                SELECT c.id, c.text, v.embedding::real[] FROM chunks c JOIN vectors v ON v.chunk_id = c.id
                WHERE c.file_id = \(fileId) ORDER BY c.ordinal
                """, logger: logger).decode((Int64, String, [Float]).self) {
                guard vector.count == dimension else {
                    throw PostgresStoreError.invalidData(
                        operation: "chunkVectors", path: nil, reason: "chunk \(id) has \(vector.count) values, not \(dimension)")
                }
                chunks.append((id, text, vector))
            }
            return chunks
        }
    }

    /// The `k` files whose document vectors (normalised mean chunk vectors) are closest to that
    /// of the file at `path` (see `fileId(path:)`), best first, ties by path, the file itself left
    /// out: an exact scan of `document_vectors` (one row per file). Scores are cosines.
    /// - Throws: `.fileNotFound` for a path not in the index, `.notIndexed` for a failed or
    ///   skipped file, `.invalidData` for a k below 1 or an indexed file without chunks.
    public func similarFiles(to path: String, k: Int) async throws -> [(path: String, title: String, score: Double, chunks: Int)] {
        guard k >= 1 else { throw PostgresStoreError.invalidData(operation: "related", path: path, reason: "k must be at least 1, not \(k)") }
        let id = try await fileId(path: path)
        return try await transaction("related", path: path) { [self] connection in
            var state: (status: String, reason: String?, hasVector: Bool)?
            for try await row in try await connection.query("""
                SELECT f.status, f.reason, d.file_id IS NOT NULL FROM files f LEFT JOIN document_vectors d ON d.file_id = f.id WHERE f.id = \(id)
                """, logger: logger).decode((String, String?, Bool).self) {
                state = row
            }
            guard let state else { throw PostgresStoreError.fileNotFound(path: path) }
            guard state.status == FileStatus.indexed.rawValue else {
                throw PostgresStoreError.notIndexed(path: path, status: FileStatus(rawValue: state.status) ?? .failed, reason: state.reason)
            }
            guard state.hasVector else {
                throw PostgresStoreError.invalidData(operation: "related", path: path, reason: "\(path) has no chunk vectors to compare (an empty file)")
            }
            var similar: [(path: String, title: String, score: Double, chunks: Int)] = []
            for try await (other, title, score, chunks) in try await connection.query("""
                WITH target AS (SELECT embedding FROM document_vectors WHERE file_id = \(id))
                SELECT f.path, f.title, (-(d.embedding <#> target.embedding))::float8, f.chunk_count::int8
                FROM document_vectors d JOIN files f ON f.id = d.file_id, target
                WHERE d.file_id <> \(id)
                ORDER BY d.embedding <#> target.embedding, f.path COLLATE "C"
                LIMIT \(k)
                """, logger: logger).decode((String, String?, Double, Int).self) {
                similar.append((other, title ?? Self.displayTitle(nil, path: other), score, chunks))
            }
            return similar
        }
    }

    // MARK: - Internals

    /// The id of the file at `path`: this namespace's first, else the first namespace's.
    private func fileIdQuery(_ path: String) -> PostgresQuery {
        "SELECT id FROM files WHERE path = \(path) ORDER BY namespace = \(configuration.namespace) DESC, namespace LIMIT 1"
    }

    /// Edges matching `condition` (a fixed SQL text over `e`, `s`, `t`; values inlined only as
    /// integers), with their source and target paths and, when asked, the holding chunk's text.
    private func edges(_ operation: String, path: String?, condition: String, order: String, withChunkText: Bool) async throws -> [GraphEdge] {
        let chunkText = withChunkText ? "c.text" : "NULL::text"
        return try await transaction(operation, path: path) { [self] connection in
            var edges: [GraphEdge] = []
            let query = PostgresQuery(unsafeSQL: """
                SELECT s.path, e.kind, e.target_text, e.anchor, t.path, e.chunk_id, \(chunkText)
                FROM edges e JOIN files s ON s.id = e.source_file_id
                LEFT JOIN files t ON t.id = e.target_file_id
                LEFT JOIN chunks c ON c.id = e.chunk_id
                WHERE \(condition) ORDER BY \(order)
                """)
            for try await (source, kindName, target, anchor, targetPath, chunkId, text) in try await connection.query(query, logger: logger)
                .decode((String, String, String, String?, String?, Int64?, String?).self) {
                guard let kind = DocumentLink.Kind(rawValue: kindName) else {
                    throw PostgresStoreError.invalidData(operation: operation, path: path, reason: "edge kind '\(kindName)' is unknown")
                }
                edges.append(GraphEdge(sourcePath: source, kind: kind, target: target, anchor: anchor, targetPath: targetPath,
                                       chunkId: chunkId, chunkText: text))
            }
            return edges
        }
    }
}
