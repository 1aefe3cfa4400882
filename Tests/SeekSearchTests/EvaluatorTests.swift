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
