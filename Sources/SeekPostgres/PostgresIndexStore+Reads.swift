import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// Reads: what incremental indexing needs (file states, the embedding cache) and what search
/// needs (vector and keyword candidates, hydration). Each sees one committed snapshot.
extension PostgresIndexStore {
    /// What the index knows of every file under `rootPath` (in this namespace), keyed by path.
    /// Throws `PostgresStoreError.rootNotFound` for a root never added.
    public func fileStates(rootPath: String) async throws(PostgresStoreError) -> [String: FileState] {
        let logger = logger
        let namespace = configuration.namespace
        let states: [String: FileState]? = try await transaction("fileStates", path: rootPath) { connection in
            guard let rootId = try await Self.single(Int64.self, connection.query(
                "SELECT id FROM roots WHERE namespace = \(namespace) AND path = \(rootPath)", logger: logger))
            else { return nil }
            let rows = try await connection.query("""
                SELECT path, size, mtime, content_hash, parser, parser_version, status, chunk_count::int8, reason, ctime, device, inode
                FROM files WHERE root_id = \(rootId)
                """, logger: logger)
            var states: [String: FileState] = [:]
            for try await row in rows {
                let (path, size, mtime, contentHash, parser, parserVersion, status, chunkCount, reason, ctime, device, inode) =
                    try row.decode((String, Int64, Double, String?, String?, String?, String, Int, String?, Double?, Int64?, Int64?).self)
                guard let fileStatus = FileStatus(rawValue: status) else {
                    throw PostgresStoreError.invalidData(operation: "fileStates", path: path, reason: "unknown file status \(status)")
                }
                var identity: FileIdentityStamp?
                if let ctime, let device, let inode {
                    identity = FileIdentityStamp(changeTime: ctime, device: UInt64(bitPattern: device), inode: UInt64(bitPattern: inode))
                }
                states[path] = FileState(
                    size: size, mtime: mtime, contentHash: contentHash, parser: parser, parserVersion: parserVersion, status: fileStatus,
                    chunkCount: chunkCount, reason: reason, identity: identity)
            }
            return states
        }
        guard let states else { throw .rootNotFound(namespace: namespace, path: rootPath) }
        return states
    }

    /// The embedding cache, across all namespaces (same model, same text, same vector): for each
    /// given chunk-text hash some stored chunk has, its embedding. With `precision`, only chunks
    /// of files whose vectors were computed in that precision count. Duplicate texts resolve to
    /// the lowest chunk id's vector.
    public func cachedEmbeddings(textHashes: [String], precision: String? = nil) async throws(PostgresStoreError) -> [String: [Float]] {
        let hashes = Array(Set(textHashes)).sorted()
        guard !hashes.isEmpty else { return [:] }
        let logger = logger
        return try await transaction("cachedEmbeddings (\(hashes.count) hashes)") { connection in
            let rows = try await connection.query("""
                SELECT DISTINCT ON (c.text_hash) c.text_hash, v.embedding::real[]
                FROM chunks c JOIN vectors v ON v.chunk_id = c.id JOIN files f ON f.id = c.file_id
                WHERE c.text_hash = ANY(\(hashes)::text[]) AND (\(precision)::text IS NULL OR f.vector_precision = \(precision)::text)
                ORDER BY c.text_hash, c.id
                """, logger: logger)
            var found: [String: [Float]] = [:]
            for try await (hash, embedding) in rows.decode((String, [Float]).self) {
                found[hash] = embedding
            }
            return found
        }
    }

    /// The `limit` chunks whose vectors have the largest inner product with `query` (a unit
    /// vector of the model's dimension), best first, ties by ascending chunk id; with a
    /// non-empty `filter`, only chunks of files it keeps.
    ///
    /// `exact: true` compares every vector (a sequential scan: the true answer, slower on large
    /// indexes). `exact: false` walks the HNSW graph with `hnsw.ef_search` =
    /// max(`configuration.hnswEfSearch`, `limit`): approximate, fast; its recall against the
    /// exact answer is what `hnswEfSearch` trades for speed. A filtered HNSW walk goes on past
    /// `ef_search` until `limit` kept chunks are found (pgvector 0.8's iterative scan, strict
    /// order); when it still finds fewer (an older pgvector, or a filter keeping a sliver of a
    /// large index) the answer comes from an exact scan of the kept chunks, so a filtered search
    /// returns `limit` chunks whenever that many match.
    public func vectorSearch(query: [Float], limit: Int, exact: Bool, filter: PostgresFileFilter? = nil)
        async throws(PostgresStoreError) -> [PostgresVectorHit] {
        let operation = exact ? "vectorSearch (exact)" : "vectorSearch (hnsw)"
        guard limit > 0 else { throw .invalidData(operation: operation, path: nil, reason: "limit must be positive, got \(limit)") }
        guard query.count == model.dimension, query.allSatisfy(\.isFinite) else {
            throw .invalidData(
                operation: operation, path: nil,
                reason: "the query must be \(model.dimension) finite numbers, got \(query.count)")
        }
        let literal = Self.vectorLiteral(query)
        let efSearch = String(min(1000, max(configuration.hnswEfSearch, limit)))
        let filter = filter ?? PostgresFileFilter(SearchFilter())
        let logger = logger
        let hits = try await transaction(operation) { connection in
            let rows: PostgresRowSequence
            if exact {
                // No index scan: the planner must read every (kept) vector and sort (`<#>` is the
                // negative inner product, so ascending distance is descending similarity).
                try await connection.query("SET LOCAL enable_indexscan = off", logger: logger)
                rows = try await connection.query("""
                    SELECT v.chunk_id, -(v.embedding <#> \(literal)::vector) AS score
                    FROM \(vectorsKeptBy: filter) WHERE \(matching: filter)
                    ORDER BY v.embedding <#> \(literal)::vector, v.chunk_id
                    LIMIT \(limit)
                    """, logger: logger)
            } else {
                // The inner query is the shape the HNSW index answers (ORDER BY distance LIMIT);
                // the outer one only breaks ties. Sequential scans are off so that even a small
                // table uses the index, as a large one would. A filtered walk goes on until it
                // has `limit` kept chunks (pgvector 0.8's iterative scan, in strict order).
                try await connection.query("SELECT set_config('hnsw.ef_search', \(efSearch), true)", logger: logger)
                try await connection.query("SET LOCAL enable_seqscan = off", logger: logger)
                if !filter.isEmpty {
                    try await connection.query("""
                        SELECT set_config('hnsw.iterative_scan', 'strict_order', true) FROM pg_extension
                        WHERE extname = 'vector' AND string_to_array(extversion, '.')::int[] >= '{0,8}'::int[]
                        """, logger: logger)
                }
                rows = try await connection.query("""
                    SELECT chunk_id, score FROM (
                        SELECT v.chunk_id, -(v.embedding <#> \(literal)::vector) AS score
                        FROM \(vectorsKeptBy: filter) WHERE \(matching: filter)
                        ORDER BY v.embedding <#> \(literal)::vector
                        LIMIT \(limit)
                    ) AS candidates
                    ORDER BY score DESC, chunk_id
                    """, logger: logger)
            }
            var hits: [PostgresVectorHit] = []
            for try await (chunkId, score) in rows.decode((Int64, Double).self) {
                hits.append(PostgresVectorHit(chunkId: chunkId, score: score))
            }
            return hits
        }
        if !filter.isEmpty, !exact, hits.count < limit {
            logger.debug("filtered HNSW walk came short; exact scan of the kept chunks", metadata: ["found": "\(hits.count)", "limit": "\(limit)"])
            return try await vectorSearch(query: query, limit: limit, exact: true, filter: filter)
        }
        return hits
    }

    /// Full-text search over chunk text with PostgreSQL's English configuration (stemming, stop
    /// words): at most `limit` chunks, best first by `ts_rank_cd` (cover density), ties by
    /// ascending chunk id. `query` is web-search syntax (`websearch_to_tsquery`): words, "quoted
    /// phrases", `or`, `-excluded`; it never fails to parse.
    public func keywordSearch(query: String, limit: Int) async throws(PostgresStoreError) -> [KeywordHit] {
        guard limit > 0 else { throw .invalidData(operation: "keywordSearch", path: nil, reason: "limit must be positive, got \(limit)") }
        let logger = logger
        return try await transaction("keywordSearch") { connection in
            let rows = try await connection.query("""
                SELECT c.id, ts_rank_cd(c.search_text, q)::float8 AS score
                FROM chunks c, websearch_to_tsquery('\(unescaped: PostgresSchema.textSearchConfiguration)', \(query)) AS q
                WHERE c.search_text @@ q
                ORDER BY score DESC, c.id
                LIMIT \(limit)
                """, logger: logger)
            var hits: [KeywordHit] = []
            for try await (chunkId, score) in rows.decode((Int64, Double).self) {
                hits.append(KeywordHit(chunkId: chunkId, score: score))
            }
            return hits
        }
    }

    /// Everything a search result shows about the given chunks. Ids not in the index (removed
    /// since the search) are absent from the result.
    public func chunkDetails(chunkIds: [Int64]) async throws(PostgresStoreError) -> [Int64: ChunkDetail] {
        let ids = Array(Set(chunkIds)).sorted()
        guard !ids.isEmpty else { return [:] }
        let logger = logger
        return try await transaction("chunkDetails (\(ids.count) ids)") { connection in
            let rows = try await connection.query("""
                SELECT c.id, f.path, f.title, c.text, c.ordinal::int8, c.start_offset::int8, c.end_offset::int8, c.page::int8,
                       c.heading_path::text, f.mtime
                FROM chunks c JOIN files f ON f.id = c.file_id
                WHERE c.id = ANY(\(ids)::int8[])
                """, logger: logger)
            var found: [Int64: ChunkDetail] = [:]
            for try await row in rows {
                let (chunkId, path, title, text, ordinal, start, end, page, headingPathJSON, mtime) =
                    try row.decode((Int64, String, String?, String, Int, Int, Int, Int?, String, Double).self)
                guard let headingPath = try? JSONDecoder().decode([String].self, from: Data(headingPathJSON.utf8)) else {
                    throw PostgresStoreError.invalidData(
                        operation: "chunkDetails", path: path, reason: "heading path of chunk \(chunkId) is not a JSON string array")
                }
                found[chunkId] = ChunkDetail(
                    chunkId: chunkId, path: path, title: title ?? Self.displayTitle(nil, path: path), text: text, ordinal: ordinal,
                    start: start, end: end, page: page, headingPath: headingPath, fileMtime: mtime,
                    fileExtension: Self.fileExtension(path))
            }
            return found
        }
    }

    /// The write generation: bumped by every write, the payload of `seek_index_changed`.
    public func writeGeneration() async throws(PostgresStoreError) -> Int64 {
        let logger = logger
        return try await transaction("writeGeneration") { connection in
            try await Self.single(Int64.self, connection.query(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM write_generation", logger: logger)) ?? 0
        }
    }

    /// Lowercased extension without the dot, empty when the file name has none (as SQLite's store).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}

extension PostgresIndexStore {
    /// The file path of each given chunk; ids not in the index are absent.
    public func chunkPaths(chunkIds: [Int64]) async throws(PostgresStoreError) -> [Int64: String] {
        let ids = Array(Set(chunkIds)).sorted()
        guard !ids.isEmpty else { return [:] }
        let logger = logger
        return try await transaction("chunkPaths (\(ids.count) ids)") { connection in
            let rows = try await connection.query("""
                SELECT c.id, f.path FROM chunks c JOIN files f ON f.id = c.file_id WHERE c.id = ANY(\(ids)::int8[])
                """, logger: logger)
            var paths: [Int64: String] = [:]
            for try await (chunkId, path) in rows.decode((Int64, String).self) { paths[chunkId] = path }
            return paths
        }
    }

    /// What a search filter's warnings are checked against, over every namespace: the root
    /// paths (sorted, each once) and, when `withExtensions`, the extensions of the indexed files
    /// (as `PostgresFileFilter` computes them; a walk of the `files_extension` index).
    public func filterContext(withExtensions: Bool = true) async throws(PostgresStoreError) -> (roots: [String], fileExtensions: Set<String>) {
        let logger = logger
        return try await transaction("filterContext") { connection in
            var roots: [String] = []
            for try await path in try await connection.query("SELECT DISTINCT path FROM roots ORDER BY path", logger: logger).decode(String.self) {
                roots.append(path)
            }
            var extensions = Set<String>()
            guard withExtensions else { return (roots, extensions) }
            // A loose scan of the `files_extension` index: one probe per distinct extension, not
            // a pass over every file (200 ms at 100,000 files for SELECT DISTINCT).
            let ext = PostgresFileFilter.extensionExpression
            let query: PostgresQuery = """
                WITH RECURSIVE found(extension) AS (
                    (SELECT \(unescaped: ext) FROM files f WHERE f.status = 'indexed' ORDER BY 1 LIMIT 1)
                    UNION ALL
                    SELECT (SELECT \(unescaped: ext) FROM files f WHERE f.status = 'indexed' AND \(unescaped: ext) > found.extension
                            ORDER BY 1 LIMIT 1)
                    FROM found WHERE found.extension IS NOT NULL
                )
                SELECT extension FROM found WHERE extension IS NOT NULL
                """
            for try await fileExtension in try await connection.query(query, logger: logger).decode(String.self) {
                extensions.insert(fileExtension)
            }
            return (roots, extensions)
        }
    }

    /// The namespaces that hold roots, sorted.
    public func namespaces() async throws(PostgresStoreError) -> [String] {
        let logger = logger
        return try await transaction("namespaces") { connection in
            var names: [String] = []
            for try await name in try await connection.query("SELECT DISTINCT namespace FROM roots ORDER BY namespace", logger: logger)
                .decode(String.self) {
                names.append(name)
            }
            return names
        }
    }
}

extension PostgresIndexStore {
    /// The size of the whole database on disk (`pg_database_size`), every namespace included.
    public func databaseBytes() async throws(PostgresStoreError) -> Int64 {
        let logger = logger
        return try await transaction("databaseBytes") { connection in
            try await Self.single(Int64.self, connection.query("SELECT pg_database_size(current_database())", logger: logger)) ?? 0
        }
    }
}
