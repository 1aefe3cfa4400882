import Foundation
import GRDB
import SeekCore

/// What the knowledge graph front ends read: a file's links and backlinks, tags, the whole
/// graph, the pairs already linked, and document and chunk vectors for `related` and `gaps`.
public final class GraphReader: IndexReading {
    let access: IndexReadAccess

    init(access: IndexReadAccess) {
        self.access = access
    }

    /// Nodes, edges (tags not counted), unresolved links and distinct tags.
    public func counts() throws(StoreError) -> GraphCounts {
        try read(context: "graphCounts") { db in try Self.counts(db) }
    }

    static func counts(_ db: Database) throws -> GraphCounts {
        GraphCounts(
            nodes: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM files") ?? 0,
            edges: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM edges WHERE kind != 'tag'") ?? 0,
            unresolvedLinks: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM edges WHERE kind != 'tag' AND target_file_id IS NULL") ?? 0,
            tags: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT target_text) FROM edges WHERE kind = 'tag'") ?? 0)
    }

    /// The id of the file at `path`; throws `StoreError.fileNotFound` when it is not in the index.
    public func fileId(path: String) throws(StoreError) -> Int64 {
        try read(context: "fileId \(path)") { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ?", arguments: [path]) else {
                throw StoreError.fileNotFound(path: path)
            }
            return id
        }
    }

    /// The edges written in the file at `path` (tags included), in the order stored.
    public func outgoing(path: String) throws(StoreError) -> [GraphEdge] {
        try read(context: "outgoing \(path)") { db in
            try Self.edges(db, condition: "s.path = ?", arguments: [path], withChunkText: false)
        }
    }

    /// The edges of other files (and the file itself) resolved to the file at `path`, each with
    /// the text of the chunk holding it, by source path then edge id.
    public func incoming(path: String) throws(StoreError) -> [GraphEdge] {
        try read(context: "incoming \(path)") { db in
            try Self.edges(db, condition: "t.path = ?", arguments: [path], withChunkText: true, order: "s.path, e.id")
        }
    }

    /// Every edge of the index (tags included), by source path then edge id.
    public func allEdges() throws(StoreError) -> [GraphEdge] {
        try read(context: "allEdges") { db in
            try Self.edges(db, condition: "1", arguments: [], withChunkText: false, order: "s.path, e.id")
        }
    }

    /// Every file of the index (the graph's nodes), by path.
    public func nodes() throws(StoreError) -> [GraphNode] {
        try read(context: "graphNodes") { db in
            try Row.fetchAll(db, sql: "SELECT id, path, title, chunk_count, status FROM files ORDER BY path").map {
                GraphNode(fileId: $0[0], path: $0[1], title: $0[2], chunks: $0[3], status: $0[4])
            }
        }
    }

    /// Tags with the number of files carrying each, most used first, then by tag.
    public func tags() throws(StoreError) -> [(tag: String, files: Int)] {
        try read(context: "tags") { db in
            try Row.fetchAll(db, sql: """
                SELECT target_text, COUNT(DISTINCT source_file_id) AS n FROM edges WHERE kind = 'tag'
                GROUP BY target_text ORDER BY n DESC, target_text
                """).map { ($0[0], $0[1]) }
        }
    }

    /// The paths of the files carrying `tag` (lowercased, without `#`; nested tags below it
    /// count: `project` finds `project/seek`), by path.
    public func files(tag: String) throws(StoreError) -> [String] {
        try read(context: "files tag \(tag)") { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT f.path FROM edges e JOIN files f ON f.id = e.source_file_id
                WHERE e.kind = 'tag' AND (e.target_text = ? OR substr(e.target_text, 1, ?) = ?) ORDER BY f.path
                """, arguments: [tag, tag.count + 1, tag + "/"])
        }
    }

    /// The files the file at `path` links to (resolved, any kind but tags), by path.
    public func linkedTargets(path: String) throws(StoreError) -> [String] {
        try read(context: "linkedTargets \(path)") { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT t.path FROM edges e JOIN files s ON s.id = e.source_file_id JOIN files t ON t.id = e.target_file_id
                WHERE s.path = ? AND e.kind != 'tag' ORDER BY t.path
                """, arguments: [path])
        }
    }

    /// Every pair of files linked in either direction, as (smaller id, larger id).
    public func linkedPairs() throws(StoreError) -> Set<FilePair> {
        try read(context: "linkedPairs") { db in
            var pairs = Set<FilePair>()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT DISTINCT source_file_id, target_file_id FROM edges WHERE kind != 'tag' AND target_file_id IS NOT NULL
                """)
            while let row = try rows.next() { pairs.insert(FilePair(row[0], row[1])) }
            return pairs
        }
    }

    /// Every document vector, in one matrix ordered by file id; only files under `pathPrefix`
    /// (a folder, or a file) when given.
    public func documentVectors(pathPrefix: String? = nil) throws(StoreError) -> DocumentVectorMatrix {
        let dimension = model.dimension
        return try read(context: "documentVectors") { db in
            var condition = "1"
            var arguments: StatementArguments = []
            if let pathPrefix {
                condition = "(f.path = ? OR substr(f.path, 1, ?) = ?)"
                let folder = pathPrefix.hasSuffix("/") ? pathPrefix : pathPrefix + "/"
                arguments = [pathPrefix, folder.count, folder]
            }
            var matrix = DocumentVectorMatrix(fileIds: [], paths: [], values: [], dimension: dimension)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT f.id, f.path, d.embedding FROM document_vectors d JOIN files f ON f.id = d.file_id
                WHERE \(condition) ORDER BY f.id
                """, arguments: arguments)
            var vector = [Float](repeating: 0, count: dimension)
            while let row = try rows.next() {
                let data: Data = row[2]
                guard data.count == dimension * VectorCodec.bytesPerFloat else {
                    throw StoreError.invalidData(reason: "the document vector of file \(row[0] as Int64) has \(data.count) bytes, not \(dimension * 4)")
                }
                vector.withUnsafeMutableBufferPointer { VectorCodec.decodeFloat32(data, into: $0) }
                matrix.fileIds.append(row[0])
                matrix.paths.append(row[1])
                matrix.values.append(contentsOf: vector)
            }
            return matrix
        }
    }

    /// The chunks of file `fileId` with their Float32 vectors, by ordinal.
    public func chunkVectors(fileId: Int64) throws(StoreError) -> [(chunkId: Int64, text: String, vector: [Float])] {
        let dimension = model.dimension
        return try read(context: "chunkVectors \(fileId)") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.text, v.embedding FROM chunks c JOIN vectors v ON v.chunk_id = c.id WHERE c.file_id = ? ORDER BY c.ordinal
                """, arguments: [fileId]).map { row in
                let data: Data = row[2]
                return (row[0], row[1], try VectorCodec.decodeFloat32(data, dimension: dimension))
            }
        }
    }

    private static func edges(_ db: Database, condition: String, arguments: StatementArguments, withChunkText: Bool,
                              order: String = "e.id") throws -> [GraphEdge] {
        try Row.fetchAll(db, sql: """
            SELECT s.path, e.kind, e.target_text, e.anchor, t.path, e.chunk_id, \(withChunkText ? "c.text" : "NULL")
            FROM edges e JOIN files s ON s.id = e.source_file_id
            LEFT JOIN files t ON t.id = e.target_file_id
            LEFT JOIN chunks c ON c.id = e.chunk_id
            WHERE \(condition) ORDER BY \(order)
            """, arguments: arguments).map { row in
            let kindName: String = row[1]
            guard let kind = DocumentLink.Kind(rawValue: kindName) else {
                throw StoreError.invalidData(reason: "edge kind '\(kindName)' is unknown")
            }
            return GraphEdge(sourcePath: row[0], kind: kind, target: row[2], anchor: row[3], targetPath: row[4], chunkId: row[5], chunkText: row[6])
        }
    }
}
