import SeekCore

/// What the knowledge graph's front ends read (`seek links`, `tags`, `gaps`, `graph`, `related`,
/// the `--tag` and `--linked-from` filters), whichever store holds the index: the SQLite file
/// (`GraphReader`) or a PostgreSQL database (`PostgresIndexStore`). The answers mean the same on
/// both: edges resolved Obsidian-style (`GraphKeys`), paths absolute, orders as documented here.
///
/// A path names one file. Where one database holds several namespaces (hosts) that indexed the
/// same path, a PostgreSQL store reads the file of its own namespace first.
public protocol GraphReading: Sendable {
    /// Nodes, edges (tags not counted), unresolved links and distinct tags.
    func counts() async throws -> GraphCounts
    /// The id of the file at `path`; throws a "not in the index" error of the store otherwise.
    func fileId(path: String) async throws -> Int64
    /// The edges written in the file at `path` (tags included), in the order stored.
    func outgoing(path: String) async throws -> [GraphEdge]
    /// The edges resolved to the file at `path`, each with the text of the chunk holding it,
    /// by source path then edge id.
    func incoming(path: String) async throws -> [GraphEdge]
    /// Every edge (tags included), by source path then edge id.
    func allEdges() async throws -> [GraphEdge]
    /// Every file (the graph's nodes), by path.
    func nodes() async throws -> [GraphNode]
    /// Tags with the number of files carrying each, most used first, then by tag.
    func tags() async throws -> [(tag: String, files: Int)]
    /// The paths of the files carrying `tag` (stored form: lowercased, no `#`) or a tag nested
    /// below it, by path.
    func files(tag: String) async throws -> [String]
    /// The files the file at `path` links to (resolved, any kind but tags), by path.
    func linkedTargets(path: String) async throws -> [String]
    /// Every pair of files linked in either direction, as (smaller id, larger id).
    func linkedPairs() async throws -> Set<FilePair>
    /// Every document vector in one matrix ordered by file id; only files under `pathPrefix`
    /// (a folder, or a file) when given.
    func documentVectors(pathPrefix: String?) async throws -> DocumentVectorMatrix
    /// The chunks of file `fileId` with their vectors, by ordinal.
    func chunkVectors(fileId: Int64) async throws -> [(chunkId: Int64, text: String, vector: [Float])]
}

/// The SQLite reader answers synchronously; each call is one read transaction.
extension GraphReader: GraphReading {}
