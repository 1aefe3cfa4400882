import SeekCore
import Foundation
import Logging
import SeekStore

/// Answers queries over one loaded snapshot of the index: vector, keyword or hybrid retrieval,
/// grouped per file, the final k hydrated with title, page and a highlighted snippet.
///
/// A searcher is a snapshot: its vectors are those of the index when `vectorIndex` was loaded,
/// while keyword search and hydration read the index as it is now (each file's rows change in
/// one transaction, so a search never sees half a file; a chunk removed since the snapshot is
/// left out of the results). Read-only and thread-safe; build a new one when the index's write
/// generation changed. It holds no model: callers embed the query (vector and hybrid modes) and
/// pass its vector.
public final class Searcher: Sendable {
    /// The index the keyword search and hydration read.
    public let reader: SearchReader
    /// The loaded vectors and chunk-to-file map.
    public let vectorIndex: VectorIndex
    /// Ranking settings.
    public let configuration: SearchConfiguration
    private let keywordSearcher: KeywordSearcher
    private let logger = Logger(label: "seek.search")

    public init(reader: SearchReader, vectorIndex: VectorIndex, configuration: SearchConfiguration = SearchConfiguration()) {
        self.reader = reader
        self.vectorIndex = vectorIndex
        self.configuration = configuration
        keywordSearcher = KeywordSearcher(reader: reader, queryBuilder: configuration.queryBuilder, weights: configuration.keywordWeights)
    }

    /// Runs `request`: the best k files, each with its best chunk hydrated. `queryVector` is the
    /// query's embedding (unit length, the index's dimension), required unless the mode is keyword.
    /// - Throws: `SearchError.invalidQuery` for an empty query, a k out of range, a bad filter or
    ///   a missing query vector; `SearchError.store` when the index cannot be read.
    public func search(_ request: SearchRequest, queryVector: [Float]?) throws(SearchError) -> SearchResponse {
        let started = ContinuousClock.now
        let groups = try rankFiles(request, queryVector: queryVector)
        let details: [Int64: ChunkDetail]
        do {
            details = try reader.chunkDetails(chunkIds: groups.map(\.best.chunkId))
        } catch {
            throw .store(error)
        }
        let terms = configuration.queryBuilder.terms(in: request.query)
        let results = groups.compactMap { group -> SearchResult? in
            // A chunk removed since the snapshot was loaded has no details: it is left out.
            guard let detail = details[group.best.chunkId] else { return nil }
            let snippet = configuration.snippets.snippet(of: detail.text, terms: terms)
            return SearchResult(
                path: detail.path, title: detail.title, score: group.best.score, page: detail.page, snippet: snippet.text,
                chunk: ChunkLocation(ordinal: detail.ordinal, start: detail.start, end: detail.end), foundBy: group.foundBy,
                chunkId: detail.chunkId, highlights: snippet.highlights, otherChunks: group.others)
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.milliseconds
        logger.debug("search", metadata: ["mode": "\(request.mode.rawValue)", "results": "\(results.count)", "ms": "\(milliseconds)"])
        let warnings = (try? request.filter.validated()).map { filter in
            filter.isEmpty ? [] : filter.warnings(files: vectorIndex.files, roots: (try? reader.roots().map(\.path)) ?? [])
        } ?? []
        return SearchResponse(query: request.query, mode: request.mode, tookMilliseconds: milliseconds, results: results, warnings: warnings)
    }

    /// The best `request.k` files, not hydrated (for evaluation): each file ranked by its best
    /// chunk. `queryVector` as in `search(_:queryVector:)`.
    public func rankFiles(_ request: SearchRequest, queryVector: [Float]?) throws(SearchError) -> [FileGroup] {
        guard !request.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidQuery(reason: "the query is empty")
        }
        guard request.k >= 1, request.k <= configuration.maxResults else {
            throw .invalidQuery(reason: "k must be between 1 and \(configuration.maxResults), not \(request.k)")
        }
        let filter = try request.filter.validated()
        let index = vectorIndex
        let allows: ((Int64) -> Bool)? = filter.isEmpty ? nil : { chunkId in index.file(of: chunkId).map(filter.matches) ?? false }
        let usesVectors = request.mode != .keyword
        let usesKeywords = request.mode != .vector && (request.mode == .keyword || !configuration.queryBuilder.terms(in: request.query).isEmpty)
        var vector: [Float]? = nil
        if usesVectors {
            guard let queryVector else {
                throw .invalidQuery(reason: "\(request.mode.rawValue) search needs the query's embedding")
            }
            vector = queryVector
        }
        var candidates = max(configuration.candidatesPerRetriever, 4 * request.k)
        while true {
            var vectorHits: [VectorHit] = []
            var keywordHits: [KeywordHit] = []
            if let vector {
                vectorHits = configuration.usesApproximateVectorScan
                    ? try index.approximate(query: vector, k: candidates, filter: filter)
                    : try index.exact(query: vector, k: candidates, filter: filter)
            }
            if usesKeywords {
                keywordHits = try keywordSearcher.search(request.query, k: candidates, allows: allows)
            }
            let vectorRanked = vectorHits.map { RankedChunk(chunkId: $0.chunkId, score: Double($0.score), foundBy: [.vector]) }
            let keywordRanked = keywordHits.map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.keyword]) }
            let pathOf: (Int64) -> String? = { index.file(of: $0)?.path }
            let groups: [FileGroup] = switch (request.mode, configuration.fusionLevel) {
            case (.vector, _): FileGroup.group(vectorRanked, pathOf: pathOf)
            case (.keyword, _): FileGroup.group(keywordRanked, pathOf: pathOf)
            case (.hybrid, .chunk):
                FileGroup.group(configuration.fusion.fuse([.vector: vectorHits.map(\.chunkId), .keyword: keywordHits.map(\.chunkId)]), pathOf: pathOf)
            case (.hybrid, .file):
                configuration.fusion.fuseFiles(
                    [.vector: FileGroup.group(vectorRanked, pathOf: pathOf), .keyword: FileGroup.group(keywordRanked, pathOf: pathOf)],
                    chunkScores: configuration.fusion.fuse([.vector: vectorHits.map(\.chunkId), .keyword: keywordHits.map(\.chunkId)]))
            }
            let exhausted = vectorHits.count < candidates && keywordHits.count < candidates
            if groups.count >= request.k || exhausted || candidates >= index.count {
                return Array(groups.prefix(request.k))
            }
            candidates *= 4
        }
    }
}
