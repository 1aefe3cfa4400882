import SeekCore
import Foundation
import Logging
import SeekEmbedding
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
    /// The cross-encoder of `.crossEncoder` reranking (nil otherwise).
    public let reranker: CrossEncoder?
    private let keywordSearcher: KeywordSearcher
    private let logger = Logger(label: "seek.search")

    public init(reader: SearchReader, vectorIndex: VectorIndex, configuration: SearchConfiguration = SearchConfiguration(),
                reranker: CrossEncoder? = nil) {
        self.reader = reader
        self.vectorIndex = vectorIndex
        self.configuration = configuration
        self.reranker = reranker
        keywordSearcher = KeywordSearcher(reader: reader, queryBuilder: configuration.queryBuilder, weights: configuration.keywordWeights)
    }

    /// Runs `request`: the best k files, each with its best chunk hydrated. `queryVector` is the
    /// query's embedding (unit length, the index's dimension), required unless the mode is keyword.
    /// - Throws: `SearchError.invalidQuery` for an empty query, a k out of range, a bad filter or
    ///   a missing query vector; `SearchError.store` when the index cannot be read.
    ///
    /// `firstKeywordRound`, from `firstKeywordRound(_:)` on the same request, saves the keyword
    /// query: a caller runs that while the query is being embedded (hybrid mode).
    public func search(_ request: SearchRequest, queryVector: [Float]?, firstKeywordRound: KeywordRound? = nil) throws(SearchError) -> SearchResponse {
        let started = ContinuousClock.now
        let groups = try rankFiles(request, queryVector: queryVector, firstKeywordRound: firstKeywordRound)
        let details: [Int64: ChunkDetail]
        do {
            details = try reader.chunkDetails(chunkIds: groups.map(\.best.chunkId))
        } catch {
            throw .store(error)
        }
        // A chunk removed since the snapshot was loaded has no details: it is left out.
        let results = configuration.results(of: groups, details: details, query: request.query)
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.milliseconds
        logger.debug("search", metadata: ["mode": "\(request.mode.rawValue)", "results": "\(results.count)", "ms": "\(milliseconds)"])
        let warnings = (try? request.filter.validated()).map { filter in
            filter.isEmpty ? [] : filter.warnings(files: vectorIndex.files, roots: (try? reader.roots().map(\.path)) ?? [])
        } ?? []
        return SearchResponse(query: request.query, mode: request.mode, tookMilliseconds: milliseconds, results: results, warnings: warnings)
    }

    /// The best `request.k` files, not hydrated (for evaluation): each file ranked by its best
    /// chunk. `queryVector` and `firstKeywordRound` as in `search(_:queryVector:firstKeywordRound:)`.
    /// With `configuration.rerank == .prf`, the first stage's top files are feedback for a second
    /// retrieval (`PseudoRelevanceFeedback`).
    public func rankFiles(_ request: SearchRequest, queryVector: [Float]?, firstKeywordRound: KeywordRound? = nil) throws(SearchError) -> [FileGroup] {
        try rankFilesInStages(request, queryVector: queryVector, firstKeywordRound: firstKeywordRound).groups
    }

    /// `rankFiles(_:queryVector:firstKeywordRound:)` with the time of each stage (for `seek bench rerank`).
    public func rankFilesInStages(_ request: SearchRequest, queryVector: [Float]?,
                                  firstKeywordRound: KeywordRound? = nil) throws(SearchError) -> StagedRanking {
        let started = ContinuousClock.now
        try check(request)
        let filter = try request.filter.validated()
        let queryTerms = configuration.queryBuilder.terms(in: request.query)
        let usesKeywords = usesKeywords(request)
        var vector: [Float]? = nil
        if request.mode != .keyword {
            guard let queryVector else {
                throw .invalidQuery(reason: "\(request.mode.rawValue) search needs the query's embedding")
            }
            vector = queryVector
        }
        let keywordExpression = try usesKeywords ? configuration.queryBuilder.matchExpression(for: request.query) : nil
        let feedback = try configuration.rerank == .prf ? configuration.feedback.validated() : nil
        let crossEncoderDepth = try configuration.checkedCrossEncoderDepth(reranker: reranker)
        let firstStageCount = max(request.k, feedback?.feedbackDocuments ?? 0, crossEncoderDepth)
        let round = firstKeywordRound.flatMap { $0.query == request.query ? $0 : nil }
        let firstStage = try retrieve(mode: request.mode, vector: vector, keywordExpression: keywordExpression, k: firstStageCount,
                                      filter: filter, firstKeywordRound: round)
        let firstStageDone = ContinuousClock.now
        if let reranker, configuration.rerank == .crossEncoder, !firstStage.isEmpty {
            let reranked = try crossEncoderReranked(request.query, Array(firstStage.prefix(crossEncoderDepth)), reranker: reranker)
            return StagedRanking(groups: Array((reranked + firstStage.dropFirst(crossEncoderDepth)).prefix(request.k)),
                                 firstStage: firstStageDone - started, rerank: ContinuousClock.now - firstStageDone)
        }
        guard let feedback, !firstStage.isEmpty else {
            return StagedRanking(groups: Array(firstStage.prefix(request.k)), firstStage: firstStageDone - started, rerank: .zero)
        }
        let feedbackChunks = firstStage.prefix(feedback.feedbackDocuments).map(\.best)
        var movedVector: [Float]? = nil
        if let vector {
            let embeddings = try vectorIndex.embeddings(of: feedbackChunks.map(\.chunkId))
            movedVector = try feedback.movedQueryVector(vector, feedback: feedbackChunks.compactMap { embeddings[$0.chunkId] })
        }
        var expandedExpression: String? = nil
        if usesKeywords {
            let details: [Int64: ChunkDetail]
            do { details = try reader.chunkDetails(chunkIds: feedbackChunks.map(\.chunkId)) } catch { throw .store(error) }
            let documents = feedbackChunks.compactMap { chunk in details[chunk.chunkId].map { FeedbackDocument(text: $0.text, score: chunk.score) } }
            let builder = configuration.queryBuilder
            let terms = try feedback.expandedTerms(queryTerms: queryTerms, feedback: documents, words: { builder.words(in: $0) })
            expandedExpression = try feedback.matchExpression(for: terms, keep: Set(queryTerms))
            logger.debug("prf", metadata: ["expanded": "\(expandedExpression ?? "")"])
        }
        let groups = try retrieve(mode: request.mode, vector: movedVector, keywordExpression: expandedExpression, k: request.k,
                                  filter: filter, firstKeywordRound: nil)
        return StagedRanking(groups: Array(groups.prefix(request.k)), firstStage: firstStageDone - started, rerank: ContinuousClock.now - firstStageDone)
    }

    /// `configuration.crossEncoderReranked` with the best chunks' texts read from the index.
    private func crossEncoderReranked(_ query: String, _ groups: [FileGroup], reranker: CrossEncoder) throws(SearchError) -> [FileGroup] {
        let details: [Int64: ChunkDetail]
        do { details = try reader.chunkDetails(chunkIds: groups.map(\.best.chunkId)) } catch { throw .store(error) }
        return try configuration.crossEncoderReranked(query, groups, details: details, reranker: reranker)
    }

    /// One retrieval: the vector and keyword lists (each when its query is given), fused per the
    /// configuration and grouped per file; at least `k` files when the index has them.
    /// `firstKeywordRound` stands in for the keyword query when it asked for as many candidates.
    private func retrieve(mode: SearchMode, vector: [Float]?, keywordExpression: String?, k: Int,
                          filter: SearchFilter, firstKeywordRound: KeywordRound?) throws(SearchError) -> [FileGroup] {
        let index = vectorIndex
        let allows = Self.allows(filter, index: index)
        var candidates = max(configuration.candidatesPerRetriever, 4 * k)
        while true {
            var vectorHits: [VectorHit] = []
            var keywordHits: [KeywordHit] = []
            if let vector {
                vectorHits = configuration.usesApproximateVectorScan
                    ? try index.approximate(query: vector, k: candidates, filter: filter)
                    : try index.exact(query: vector, k: candidates, filter: filter)
            }
            if let keywordExpression {
                if let firstKeywordRound, firstKeywordRound.candidates == candidates {
                    keywordHits = firstKeywordRound.hits
                } else {
                    keywordHits = try keywordSearcher.search(matchExpression: keywordExpression, k: candidates, allows: allows)
                }
            }
            let vectorRanked = vectorHits.map { RankedChunk(chunkId: $0.chunkId, score: Double($0.score), foundBy: [.vector]) }
            let keywordRanked = keywordHits.map { RankedChunk(chunkId: $0.chunkId, score: $0.score, foundBy: [.keyword]) }
            let pathOf: (Int64) -> String? = { index.file(of: $0)?.path }
            let groups = configuration.fusedFileGroups(mode: mode, vectorHits: vectorRanked, keywordHits: keywordRanked, pathOf: pathOf)
            let exhausted = vectorHits.count < candidates && keywordHits.count < candidates
            if groups.count >= k || exhausted || candidates >= index.count {
                return groups
            }
            candidates *= 4
        }
    }

    /// The keyword hits of the first retrieval round of `request` (nil when its mode or query
    /// uses no keywords). They need no query vector, so a caller computes them while the query
    /// is being embedded and hands them to `search(_:queryVector:firstKeywordRound:)`.
    /// - Throws: as `search` does for a bad request; `SearchError.store` when the index cannot be read.
    public func firstKeywordRound(_ request: SearchRequest) throws(SearchError) -> KeywordRound? {
        try check(request)
        guard usesKeywords(request) else { return nil }
        let filter = try request.filter.validated()
        let candidates = firstCandidates(request)
        let hits = try keywordSearcher.search(request.query, k: candidates, allows: Self.allows(filter, index: vectorIndex))
        return KeywordRound(query: request.query, candidates: candidates, hits: hits)
    }

    private func check(_ request: SearchRequest) throws(SearchError) {
        guard !request.query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidQuery(reason: "the query is empty")
        }
        guard request.k >= 1, request.k <= configuration.maxResults else {
            throw .invalidQuery(reason: "k must be between 1 and \(configuration.maxResults), not \(request.k)")
        }
    }

    /// Chunks each retriever returns in the first round.
    private func firstCandidates(_ request: SearchRequest) -> Int {
        max(configuration.candidatesPerRetriever, 4 * request.k)
    }

    private func usesKeywords(_ request: SearchRequest) -> Bool {
        request.mode != .vector && (request.mode == .keyword || !configuration.queryBuilder.terms(in: request.query).isEmpty)
    }

    private static func allows(_ filter: SearchFilter, index: VectorIndex) -> ((Int64) -> Bool)? {
        filter.isEmpty ? nil : { chunkId in index.file(of: chunkId).map(filter.matches) ?? false }
    }
}
