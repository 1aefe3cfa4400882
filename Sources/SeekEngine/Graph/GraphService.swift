import Foundation
import SeekCore
import SeekKernels
import SeekStore

/// The knowledge graph of the index, built from the files themselves: links, backlinks and tags
/// of a file, files by tag, gaps (similar documents no link joins) and the whole graph for other
/// tools (related documents: `SearchService.related`, on the searcher's snapshot). Reads only:
/// never waits for a writer, never loads the model. The same answers from either store: the
/// SQLite file (`GraphReader`) or a PostgreSQL database (`PostgresIndexStore`), both `GraphReading`.
public final class GraphService: Sendable {
    /// Characters kept of a linking chunk or a gap's chunk in results.
    public static let snippetLength = 240

    let settings: SeekSettings
    let store: StoreHandle
    private let postgres: PostgresHandle?

    init(settings: SeekSettings, store: StoreHandle, postgres: PostgresHandle? = nil) {
        self.settings = settings
        self.store = store
        self.postgres = postgres
    }

    /// The graph of wherever the index lives.
    func reader() async throws -> any GraphReading {
        try await Self.reader(store: store, postgres: postgres)
    }

    /// The graph of the SQLite index of `store`, or of the PostgreSQL database when `postgres` is set.
    static func reader(store: StoreHandle, postgres: PostgresHandle?) async throws -> any GraphReading {
        if let postgres { return try await postgres.open() }
        return try store.existing().graphReader
    }

    /// The files a link joins to the file at `path`, either way (`related` marks them).
    static func linkedPaths(of path: String, reader: any GraphReading) async throws -> Set<String> {
        Set(try await reader.linkedTargets(path: path)).union(try await reader.incoming(path: path).map(\.sourcePath))
    }

    /// The node, edge, unresolved-link and tag counts of the index.
    public func counts() async throws(EngineError) -> GraphCounts {
        try await EngineError.wrapping("graph counts", directory: settings.indexDirectory) {
            try await reader().counts()
        }
    }

    /// Outgoing links, backlinks (with the linking chunk's text), unresolved links and tags of
    /// the file at `path` (made absolute). Throws `EngineError.notIndexed` for a file not in the index.
    public func links(path: String) async throws(EngineError) -> FileLinks {
        let started = ContinuousClock.now
        let absolute = CatalogService.absolutePath(path)
        return try await EngineError.wrapping("links", directory: settings.indexDirectory) {
            let reader = try await reader()
            _ = try await reader.fileId(path: absolute)
            let outgoing = try await reader.outgoing(path: absolute)
            let links = outgoing.filter { $0.kind != .tag }.map {
                FileLinks.Link(kind: $0.kind.rawValue, target: $0.target, anchor: $0.anchor, path: $0.targetPath)
            }
            let backlinks = try await reader.incoming(path: absolute).map {
                FileLinks.Backlink(path: $0.sourcePath, kind: $0.kind.rawValue, target: $0.target, anchor: $0.anchor,
                                   snippet: $0.chunkText.map(Self.snippet))
            }
            return FileLinks(
                path: absolute, outgoing: links.filter { $0.path != nil }, backlinks: backlinks,
                unresolved: links.filter { $0.path == nil },
                tags: Array(Set(outgoing.filter { $0.kind == .tag }.map(\.target))).sorted(),
                tookMilliseconds: (ContinuousClock.now - started).milliseconds)
        }
    }

    /// Every tag with its number of files, or, given `tag` (with or without `#`, any case), the
    /// files carrying it or a tag nested below it.
    public func tags(_ tag: String? = nil) async throws(EngineError) -> TagReport {
        try await EngineError.wrapping("tags", directory: settings.indexDirectory) {
            let reader = try await reader()
            guard let tag else {
                return TagReport(tag: nil, tags: try await reader.tags().map { TagReport.Count(tag: $0.tag, files: $0.files) }, files: nil)
            }
            let normalized = Self.normalizedTag(tag)
            guard !normalized.isEmpty else { throw EngineError.invalidRequest(reason: "a tag cannot be empty") }
            return TagReport(tag: normalized, tags: nil, files: try await reader.files(tag: normalized))
        }
    }

    /// Pairs of documents (under `pathPrefix`, made absolute, when given) whose document vectors
    /// reach `threshold` and that no link joins either way, best first, at most `limit`, each
    /// with its two closest chunks. All pairs are compared through a blocked matrix product.
    public func gaps(threshold: Double = 0.8, limit: Int = 20, pathPrefix: String? = nil) async throws(EngineError) -> GapReport {
        let started = ContinuousClock.now
        return try await EngineError.wrapping("gaps", directory: settings.indexDirectory) {
            guard threshold.isFinite, threshold > -1, threshold <= 1 else {
                throw EngineError.invalidRequest(reason: "threshold must be in (-1, 1], not \(threshold)")
            }
            guard limit >= 1, limit <= 10_000 else { throw EngineError.invalidRequest(reason: "limit must be between 1 and 10000, not \(limit)") }
            let reader = try await reader()
            let matrix = try await reader.documentVectors(pathPrefix: pathPrefix.map(CatalogService.absolutePath))
            let linked = try await reader.linkedPairs()
            let ids = matrix.fileIds
            let found = SimilarPairFinder().pairs(
                values: matrix.values, count: matrix.count, dimension: matrix.dimension, threshold: Float(threshold), limit: limit
            ) { linked.contains(FilePair(ids[$0], ids[$1])) }
            var pairs: [GapReport.Pair] = []
            for pair in found {
                // Each pair in path order: file ids follow indexing order, which varies from run to run.
                let (first, second) = matrix.paths[pair.first] <= matrix.paths[pair.second] ? (pair.first, pair.second) : (pair.second, pair.first)
                pairs.append(GapReport.Pair(first: matrix.paths[first], second: matrix.paths[second], score: Double(pair.score),
                                            reason: try await Self.reason(reader: reader, ids[first], ids[second])))
            }
            return GapReport(threshold: threshold, documents: matrix.count, pairs: pairs,
                             tookMilliseconds: (ContinuousClock.now - started).milliseconds)
        }
    }

    /// The closest chunks of two files (ties by chunk id).
    private static func reason(reader: any GraphReading, _ first: Int64, _ second: Int64) async throws -> GapReport.Reason? {
        let a = try await reader.chunkVectors(fileId: first)
        let b = try await reader.chunkVectors(fileId: second)
        var best: (Float, Int, Int)?
        for (i, left) in a.enumerated() {
            for (j, right) in b.enumerated() {
                let score = VectorMath.dot(left.vector, right.vector)
                if best.map({ score > $0.0 }) ?? true { best = (score, i, j) }
            }
        }
        guard let best else { return nil }
        return GapReport.Reason(firstChunk: snippet(a[best.1].text), secondChunk: snippet(b[best.2].text), score: Double(best.0))
    }

    /// `text` with whitespace collapsed, cut to `snippetLength` characters (with "…").
    static func snippet(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.count <= snippetLength ? collapsed : String(collapsed.prefix(snippetLength - 1)) + "…"
    }

    /// A tag as stored: lowercased, without leading `#` and trailing `/`.
    static func normalizedTag(_ tag: String) -> String {
        var text = Substring(tag.trimmingCharacters(in: .whitespaces))
        while text.first == "#" { text = text.dropFirst() }
        while text.last == "/" { text = text.dropLast() }
        return text.lowercased()
    }
}
