import Foundation
import SeekCore
import SeekStore

/// Scores retrieval on a BEIR dataset: for each judged query, a ranking of document ids, then the
/// mean nDCG@10, Recall@100 and MRR@10. Queries without a relevant judged document are skipped.
public struct Evaluator: Sendable {
    /// The dataset: queries and judgments.
    public let dataset: BEIRDataset
    /// Documents ranked per query (at least the 100 that Recall@100 looks at). Default 100.
    public let depth: Int

    public init(dataset: BEIRDataset, depth: Int = 100) {
        self.dataset = dataset
        self.depth = depth
    }

    /// The judged queries, in dataset order.
    public var judgedQueries: [BEIRDataset.Query] {
        dataset.queries.filter { query in dataset.judgments[query.id]?.values.contains { $0 > 0 } ?? false }
    }

    /// Evaluates one mode; `rank` returns document ids best first for a query.
    public func evaluate<Failure: Error>(mode: String, rank: (BEIRDataset.Query) throws(Failure) -> [String]) throws(Failure) -> EvaluationResult {
        var ndcg = 0.0, recall = 0.0, mrr = 0.0, count = 0
        for query in judgedQueries {
            let judgments = dataset.judgments[query.id] ?? [:]
            let ranking = try rank(query)
            guard let queryNDCG = RetrievalMetrics.ndcg(ranking: ranking, judgments: judgments, cutoff: 10),
                  let queryRecall = RetrievalMetrics.recall(ranking: ranking, judgments: judgments, cutoff: 100),
                  let queryMRR = RetrievalMetrics.reciprocalRank(ranking: ranking, judgments: judgments, cutoff: 10)
            else { continue }
            ndcg += queryNDCG
            recall += queryRecall
            mrr += queryMRR
            count += 1
        }
        let divisor = Double(max(count, 1))
        return EvaluationResult(mode: mode, ndcgAt10: ndcg / divisor, recallAt100: recall / divisor, mrrAt10: mrr / divisor, queries: count)
    }

    /// The entry point of `seek eval`: every mode through `searcher` over an index of the
    /// dataset's documents. `documentId` maps an indexed file path to its document id (nil for a
    /// file that is not a dataset document); documents are ranked by their best chunk. Each query
    /// is embedded once with `embedQuery` (only when a mode needs vectors) and reused by every mode.
    public func evaluate(searcher: Searcher, modes: [SearchMode] = SearchMode.allCases,
                         embedQuery: (String) throws(SearchError) -> [Float],
                         documentId: (String) -> String?) throws(SearchError) -> EvaluationReport {
        var vectors: [String: [Float]] = [:]
        if modes.contains(where: { $0 != .keyword }) {
            for query in judgedQueries {
                vectors[query.id] = try embedQuery(query.text)
            }
        }
        var results: [EvaluationResult] = []
        for mode in modes {
            let result = try evaluate(mode: mode.rawValue) { query throws(SearchError) -> [String] in
                let groups = try searcher.rankFiles(SearchRequest(query: query.text, mode: mode, k: depth), queryVector: vectors[query.id])
                return groups.compactMap { documentId($0.path) }
            }
            results.append(result)
        }
        return EvaluationReport(dataset: dataset.name, results: results)
    }
}
