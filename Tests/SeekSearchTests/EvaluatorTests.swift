import Foundation
import SeekSearch
import SeekTestSupport
import Testing

struct EvaluatorTests {
    /// A BEIR folder with documents d1...d5 and the given queries and judgments.
    static func writeDataset(_ directory: TemporaryDirectory, queries: [(String, String)], judgments: [(String, String, Int)], documents: [(String, String)]? = nil) throws -> BEIRDataset {
        let docs = documents ?? (1...5).map { ("d\($0)", "document \($0)") }
        func line(_ object: [String: String]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try directory.write(try docs.map { try line(["_id": $0.0, "title": "", "text": $0.1]) }.joined(separator: "\n"), to: "corpus.jsonl")
        try directory.write(try queries.map { try line(["_id": $0.0, "text": $0.1]) }.joined(separator: "\n"), to: "queries.jsonl")
        try directory.write((["query-id\tcorpus-id\tscore"] + judgments.map { "\($0.0)\t\($0.1)\t\($0.2)" }).joined(separator: "\n"), to: "qrels/test.tsv")
        return try BEIRDataset(directory: directory.url)
    }

    @Test func averagesOverJudgedQueriesOnly() throws {
        let directory = try TemporaryDirectory("seek-eval")
        defer { directory.remove() }
        let dataset = try Self.writeDataset(
            directory, queries: [("q1", "one"), ("q2", "two"), ("q3", "unjudged"), ("q4", "only zero grades")],
            judgments: [("q1", "d1", 1), ("q2", "d3", 1), ("q2", "d4", 1), ("q4", "d2", 0)])
        let evaluator = Evaluator(dataset: dataset)
        #expect(evaluator.judgedQueries.map(\.id) == ["q1", "q2"])
        var asked: [String] = []
        let result = evaluator.evaluate(mode: "fixed") { query in
            asked.append(query.id)
            return query.id == "q1" ? ["d1", "d2"] : ["d2", "d3", "d5"]
        }
        #expect(asked == ["q1", "q2"])
        // q1: nDCG 1, recall 1, RR 1. q2: DCG = 1/log2(3), ideal = 1 + 1/log2(3); recall 1/2; RR 1/2.
        let q2NDCG = (1 / log2(3.0)) / (1 + 1 / log2(3.0))
        #expect(result.queries == 2)
        #expect(abs(result.ndcgAt10 - (1 + q2NDCG) / 2) < 1e-12)
        #expect(result.recallAt100 == 0.75)
        #expect(result.mrrAt10 == 0.75)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for key in ["\"ndcg@10\"", "\"recall@100\"", "\"mrr@10\"", "\"mode\"", "\"queries\""] { #expect(json.contains(key)) }
    }
}

struct EvaluatorEndToEndTests {
    @Test func vectorModeMatchesABruteForceRankingOfACranfieldSubset() throws {
        let full = try BEIRDataset(directory: ProjectFixtures.cranfield)
        let documents = Array(full.documents.prefix(40))
        let ids = Set(documents.map(\.id))
        let judged = full.judgments.compactMapValues { grades -> [String: Int]? in
            let kept = grades.filter { ids.contains($0.key) }
            return kept.values.contains { $0 > 0 } ? kept : nil
        }
        let queries = full.queries.filter { judged[$0.id] != nil }
        let directory = try TemporaryDirectory("seek-eval-subset")
        defer { directory.remove() }
        let dataset = try EvaluatorTests.writeDataset(
            directory, queries: queries.map { ($0.id, $0.text) },
            judgments: judged.flatMap { query, grades in grades.map { (query, $0.key, $0.value) } }.sorted { ($0.0, $0.1) < ($1.0, $1.1) },
            documents: documents.map { ($0.id, $0.indexedText) })
        #expect(dataset.documents.count == 40 && !queries.isEmpty)

        let index = try SearchTestIndex()
        let embedder = try SearchCorpus.embedder.get()
        try CranfieldIndex.write(dataset.documents, dataset: dataset.name, into: index.store, embedder: embedder)
        let searcher = Searcher(reader: index.searchReader, vectorIndex: try VectorIndex.load(from: index.searchReader))
        let evaluator = Evaluator(dataset: dataset)
        let report = try evaluator.evaluate(searcher: searcher, embedQuery: { text throws(SearchError) in
            do { return try embedder.embed(text: text) } catch { throw .embeddingFailed(reason: "\(error)") }
        }, documentId: CranfieldIndex.documentId)
        #expect(report.dataset == dataset.name)
        #expect(report.results.map(\.mode) == ["hybrid", "vector", "keyword"])
        #expect(report.results.allSatisfy { $0.queries == queries.count })

        // Brute force: every document's embedding against every query's, fully sorted.
        let documentVectors = try embedder.embed(texts: dataset.documents.map(\.indexedText)).map(\.vector)
        var ndcg = 0.0, recall = 0.0, mrr = 0.0
        for query in evaluator.judgedQueries {
            let queryVector = try embedder.embed(text: query.text)
            let ranking = zip(dataset.documents, documentVectors)
                .map { (id: $0.id, score: zip(queryVector, $1).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
                .sorted { $0.score > $1.score }
                .map(\.id)
            let judgments = dataset.judgments[query.id] ?? [:]
            ndcg += RetrievalMetrics.ndcg(ranking: ranking, judgments: judgments) ?? 0
            recall += RetrievalMetrics.recall(ranking: ranking, judgments: judgments) ?? 0
            mrr += RetrievalMetrics.reciprocalRank(ranking: ranking, judgments: judgments) ?? 0
        }
        let count = Double(evaluator.judgedQueries.count)
        let vector = try #require(report.results.first { $0.mode == "vector" })
        #expect(abs(vector.ndcgAt10 - ndcg / count) < 1e-9)
        #expect(abs(vector.recallAt100 - recall / count) < 1e-9)
        #expect(abs(vector.mrrAt10 - mrr / count) < 1e-9)
    }
}
