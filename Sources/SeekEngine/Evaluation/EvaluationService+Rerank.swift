import Foundation
import SeekCore
import SeekSearch

extension EvaluationService {
    /// `seek bench rerank`: the dataset's corpus indexed as for `evaluate(dataset:modes:)`, then for
    /// each reranking mode every judged query searched in `searchMode` (depth 100) on one warm
    /// searcher with this engine's ranking settings and that rerank mode; nDCG@10, Recall@100,
    /// MRR@10 and the per-query time of the first stage and of the rerank stage. One warm-up query
    /// per mode runs first, untimed.
    /// - Throws: `EngineError.invalidRequest` for an empty mode list; otherwise as `evaluate`.
    public func compareReranking(dataset directory: URL, modes: [RerankMode],
                                 searchMode: SearchMode = .hybrid) async throws(EngineError) -> RerankComparison {
        guard !modes.isEmpty else { throw .invalidRequest(reason: "--modes needs at least one of \(RerankMode.allCases.map(\.rawValue))") }
        return try await EngineError.wrapping("bench rerank", directory: settings.indexDirectory) {
            try await comparison(dataset: directory, modes: modes, searchMode: searchMode)
        }
    }

    private func comparison(dataset directory: URL, modes: [RerankMode], searchMode: SearchMode) async throws -> RerankComparison {
        let started = ContinuousClock.now
        let corpus = try await prepareCorpus(directory, embedsQueries: searchMode != .keyword)
        var rows: [RerankComparison.Row] = []
        let chunks: Int
        do {
            let evaluator = corpus.evaluator
            for mode in modes {
                var configuration = corpus.searcher.configuration
                configuration.rerank = mode
                let searcher = Searcher(reader: corpus.searcher.reader, vectorIndex: corpus.searcher.vectorIndex, configuration: configuration,
                                        reranker: mode == .crossEncoder ? try corpus.engine.model.reranker() : nil)
                let vectorOf = { (text: String) throws(SearchError) -> [Float]? in try searchMode == .keyword ? nil : corpus.queryVector(text) }
                if let warmUp = evaluator.judgedQueries.first {
                    _ = try searcher.rankFiles(SearchRequest(query: warmUp.text, mode: searchMode, k: evaluator.depth), queryVector: vectorOf(warmUp.text))
                }
                var firstStage: [Double] = [], rerank: [Double] = [], total: [Double] = []
                let result = try evaluator.evaluate(mode: mode.rawValue) { query throws(SearchError) -> [String] in
                    let staged = try searcher.rankFilesInStages(
                        SearchRequest(query: query.text, mode: searchMode, k: evaluator.depth), queryVector: vectorOf(query.text))
                    firstStage.append(staged.firstStage.milliseconds)
                    rerank.append(staged.rerank.milliseconds)
                    total.append((staged.firstStage + staged.rerank).milliseconds)
                    return staged.groups.compactMap { corpus.documentId($0.path) }
                }
                rows.append(RerankComparison.Row(
                    rerank: mode.rawValue, ndcgAt10: result.ndcgAt10, recallAt100: result.recallAt100, mrrAt10: result.mrrAt10,
                    firstStageMilliseconds: .init(milliseconds: firstStage), rerankMilliseconds: .init(milliseconds: rerank),
                    totalMilliseconds: .init(milliseconds: total)))
            }
            chunks = try corpus.engine.catalog.status().chunks
            await corpus.engine.shutdown()
        } catch {
            await corpus.engine.shutdown()
            throw error
        }
        return RerankComparison(
            dataset: corpus.evaluator.dataset.name, queries: corpus.evaluator.judgedQueries.count, searchMode: searchMode.rawValue,
            depth: corpus.evaluator.depth, modes: rows, index: corpus.indexInfo(chunks: chunks),
            seconds: (ContinuousClock.now - started).seconds)
    }
}
