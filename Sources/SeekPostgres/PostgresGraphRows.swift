import Foundation
import SeekCore
import SeekStore

/// The knowledge-graph rows of one file as the PostgreSQL store writes them (the same keys as
/// SQLite's `IndexWriter.writeGraph`): its name key, its alias keys, its edges with their target
/// path and name, and its document vector (the normalised mean of its chunk vectors).
struct PostgresGraphRows {
    /// One edge, as a `jsonb_to_recordset` row (a JSON array keeps NULLs that a text array would lose).
    struct Edge: Encodable {
        /// Ordinal of the chunk holding the edge (the statement turns it into the chunk's new id).
        var chunkOrdinal: Int64?
        var kind: String
        var targetText: String
        var anchor: String?
        var targetPath: String?
        var targetName: String?

        enum CodingKeys: String, CodingKey {
            case kind, anchor
            case chunkOrdinal = "chunk_ordinal"
            case targetText = "target_text"
            case targetPath = "target_path"
            case targetName = "target_name"
        }
    }

    /// Advisory-lock class of graph keys (two-key form: apart from the one-key path locks).
    static let lockClass: Int32 = 0x5345_454B // "SEEK"

    let nameKey: String
    let aliasKeys: [String]
    /// The links of the document, each with the offset that places it in a chunk.
    private let links: [(edge: Edge, offset: Int?)]
    /// The pgvector literal of the document vector; nil without chunks (or for a zero mean).
    let documentVector: String?

    init(file: FileInput, document: ExtractedDocument?, embeddings: [[Float]]) {
        nameKey = GraphKeys.nameKey(ofPath: file.path)
        aliasKeys = Set((document?.aliases ?? []).map { GraphKeys.storable(GraphKeys.aliasKey($0)) }.filter { !$0.isEmpty }).sorted()
        links = (document?.links ?? []).map { original in
            let link = GraphKeys.storable(original)
            let edge = link.kind == .tag
                ? Edge(kind: link.kind.rawValue, targetText: link.target)
                : Edge(kind: link.kind.rawValue, targetText: link.target, anchor: link.anchor,
                       targetPath: GraphKeys.targetPath(of: link, sourcePath: file.path, rootPath: file.rootPath),
                       targetName: GraphKeys.nameLookup(of: link))
            return (edge, link.offset)
        }
        documentVector = GraphKeys.documentVector(of: embeddings).map(PostgresIndexStore.vectorLiteral)
    }

    /// The keys whose edges this write may re-resolve, for `PostgresIndexStore.lockGraphKeys`
    /// (which adds the file's current aliases): the file's path and names, and every path and
    /// name its links name. Two writers that could each miss the other's row (a link written
    /// while its target file appears) share a key and follow each other.
    func lockKeys(path: String) -> [String] {
        var keys: Set<String> = ["p:" + path, "n:" + nameKey]
        for alias in aliasKeys { keys.insert("n:" + alias) }
        for (edge, _) in links {
            if let targetPath = edge.targetPath { keys.insert("p:" + targetPath) }
            if let targetName = edge.targetName { keys.insert("n:" + targetName) }
        }
        return keys.sorted()
    }

    /// The edges as a JSON array (`[]` without links), each placed in the chunk of `chunks`
    /// holding its offset (by ordinal; the same rule as SQLite's `IndexWriter.chunk(holding:in:)`).
    func edgesJSON(chunks: [ChunkDraft]) throws(PostgresStoreError) -> String {
        // The spans carry ordinals where the SQLite writer has chunk ids: the rule only compares offsets.
        let spans = chunks.map { IndexWriter.ChunkSpan(start: $0.start, end: $0.end, id: Int64($0.ordinal)) }
        let edges = links.map { link in
            var edge = link.edge
            edge.chunkOrdinal = link.offset.flatMap { IndexWriter.chunk(holding: $0, in: spans) }
            return edge
        }
        return try PostgresIndexStore.json(edges, operation: "writeGraph", path: nil)
    }
}
