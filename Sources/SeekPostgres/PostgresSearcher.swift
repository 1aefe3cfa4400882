import Foundation
import Logging
import SeekCore
import SeekEmbedding
import SeekSearch
import SeekStore

/// Search over a PostgreSQL index: the vector candidates from pgvector (the HNSW index, or an
/// exact scan), the keyword candidates from the `tsvector` column ranked by BM25, fused
/// and grouped per file by the same code as the SQLite searcher (`ReciprocalRankFusion`,
/// `ScoreFusion`, `FileGroup`), the best chunk of each of the final k files hydrated with a
/// highlighted snippet. Ties break by chunk id.
///
/// It searches the whole database (every namespace: one database is one team index). It holds
/// no state but its settings: each call reads the committed data of the moment, so a searcher
/// never needs refreshing. Path, type and time filters are checked in the SQL of both retrievers
/// (`PostgresFileFilter`); cross-encoder reranking works as on SQLite. Tag and link filters come
/// already turned into paths (`SearchFilter.paths`, from the link graph: the engine's search
/// does it); given raw, they throw `SearchError.invalidQuery`, as does pseudo-relevance feedback
/// (its expanded query is an FTS5 expression).
public struct PostgresSearcher: Sendable {
    /// The index.
    public let store: PostgresIndexStore
    /// Ranking settings (fusion, candidates per retriever, snippets, keyword terms).
    public let configuration: SearchConfiguration
    /// True: vector candidates by an exact scan of every vector; false: by the HNSW index.
    public let exactVectors: Bool
    /// The cross-encoder of `.crossEncoder` reranking (nil otherwise).
    public let reranker: CrossEncoder?
    private let logger = Logger(label: "seek.search.postgres")

    public init(store: PostgresIndexStore, configuration: SearchConfiguration = SearchConfiguration(), exactVectors: Bool = false,
                reranker: CrossEncoder? = nil) {
        self.store = store
        self.reranker = reranker
        self.configuration = configuration
        self.exactVectors = exactVectors
    }

    /// Runs `request`: the best k files, each with its best chunk hydrated. `queryVector` is the
    /// query's embedding, required unless the mode is keyword.
    public func search(_ request: SearchRequest, queryVector: [Float]?) async throws(SearchError) -> SearchResponse {
        let started = ContinuousClock.now
        let groups = try await rankFiles(request, queryVector: queryVector)
        let details: [Int64: ChunkDetail]
        do { details = try await store.chunkDetails(chunkIds: groups.map(\.best.chunkId)) } catch { throw Self.failure(error) }
        let results = configuration.results(of: groups, details: details, query: request.query)
        // A filter no file can meet is said plainly (as the SQLite searcher does).
        var warnings: [String] = []
        if let filter = try? request.filter.validated(), !filter.isEmpty {
            var context: (roots: [String], fileExtensions: Set<String>) = ([], [])
            if !filter.fileTypes.isEmpty || filter.pathPrefix != nil {
                do { context = try await store.filterContext(withExtensions: !filter.fileTypes.isEmpty) } catch { throw Self.failure(error) }
            }
            warnings = filter.warnings(fileExtensions: context.fileExtensions, roots: context.roots)
        }
        let milliseconds = (ContinuousClock.now - started).milliseconds
        logger.debug("search", metadata: ["mode": "\(request.mode.rawValue)", "results": "\(results.count)", "ms": "\(milliseconds)"])
        return SearchResponse(query: request.query, mode: request.mode, tookMilliseconds: milliseconds, results: results, warnings: warnings)
    }

    /// The best `request.k` files, not hydrated (for evaluation), each ranked by its best chunk.
    public func rankFiles(_ request: SearchRequest, queryVector: [Float]?) async throws(SearchError) -> [FileGroup] {
        guard !request.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .invalidQuery(reason: "the query is empty") }
        guard request.k >= 1, request.k <= configuration.maxResults else {
            throw .invalidQuery(reason: "k must be between 1 and \(configuration.maxResults), not \(request.k)")
        }
        let filter = try request.filter.validated()
        guard filter.tag == nil, filter.linkedFrom == nil else {
            throw .invalidQuery(reason: "tag and link filters are resolved into paths from the link graph first (as the engine's search does)")
        }
        guard configuration.rerank != .prf else {
            throw .invalidQuery(reason: "pseudo-relevance feedback (--rerank prf) is not supported on a PostgreSQL index; use cross-encoder")
        }
        let crossEncoderDepth = try configuration.checkedCrossEncoderDepth(reranker: reranker)
        var vector: [Float]? = nil
        if request.mode != .keyword {
            guard let queryVector else { throw .invalidQuery(reason: "\(request.mode.rawValue) search needs the query's embedding") }
            vector = queryVector
        }
        // Any of the query's words, ranked by BM25 (as the SQLite store's FTS5 query).
        let keywordQuery: String? = request.mode == .vector ? nil : request.query
        let firstStageCount = max(request.k, crossEncoderDepth)
        let fileFilter = PostgresFileFilter(filter)
        var candidates = max(configuration.candidatesPerRetriever, 4 * firstStageCount)
        var firstStage: [FileGroup] = []
        while true {
            var vectorHits: [RankedChunk] = []
            var keywordHits: [RankedChunk] = []
            do {
                if let vector {
                    vectorHits = try await store.vectorSearch(query: vector, limit: candidates, exact: exactVectors, filter: fileFilter)
                        .map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.vector]) }
                }
                if let keywordQuery {
                    keywordHits = try await store.bm25Search(text: keywordQuery, limit: candidates, filter: fileFilter)
                        .map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.keyword]) }
                }
            } catch {
                throw Self.failure(error)
            }
            let paths: [Int64: String]
            do { paths = try await store.chunkPaths(chunkIds: vectorHits.map(\.chunkId) + keywordHits.map(\.chunkId)) } catch {
                throw Self.failure(error)
            }
            let groups = configuration.fusedFileGroups(mode: request.mode, vectorHits: vectorHits, keywordHits: keywordHits, pathOf: { paths[$0] })
            let exhausted = vectorHits.count < candidates && keywordHits.count < candidates
            if groups.count >= firstStageCount || exhausted || candidates >= 100_000 {
                firstStage = groups
                break
            }
            candidates *= 4
        }
        guard let reranker, crossEncoderDepth > 0, !firstStage.isEmpty else { return Array(firstStage.prefix(request.k)) }
        let top = Array(firstStage.prefix(crossEncoderDepth))
        let details: [Int64: ChunkDetail]
        do { details = try await store.chunkDetails(chunkIds: top.map(\.best.chunkId)) } catch { throw Self.failure(error) }
        let reranked = try configuration.crossEncoderReranked(request.query, top, details: details, reranker: reranker)
        return Array((reranked + firstStage.dropFirst(crossEncoderDepth)).prefix(request.k))
    }

    private static func failure(_ error: PostgresStoreError) -> SearchError {
        .indexUnreadable(reason: error.description)
    }
}
