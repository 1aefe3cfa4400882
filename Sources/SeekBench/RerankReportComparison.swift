import Foundation

/// `seek bench compare A.json B.json` on two `seek bench rerank` reports: for every reranking
/// mode in both, the quality and the latency of A and B and their difference (B − A). Modes in
/// only one report are listed as such.
///
/// JSON: {"a","b","dataset","modes":[{"rerank","ndcg@10":{"a","b","delta"},"recall@100":{...},
/// "mrr@10":{...},"first_stage_p50_ms":{...},"rerank_p50_ms":{...},"total_p50_ms":{...}}],
/// "only_in_a":[...],"only_in_b":[...]}.
public struct RerankReportComparison: Sendable, Encodable, Equatable {
    /// One figure in A and B.
    public struct Change: Sendable, Encodable, Equatable {
        public var a: Double
        public var b: Double
        public var delta: Double { b - a }

        enum CodingKeys: String, CodingKey { case a, b, delta }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(a, forKey: .a)
            try container.encode(b, forKey: .b)
            try container.encode(delta, forKey: .delta)
        }
    }

    /// One reranking mode in both reports.
    public struct Mode: Sendable, Encodable, Equatable {
        public var rerank: String
        public var ndcgAt10: Change
        public var recallAt100: Change
        public var mrrAt10: Change
        public var firstStageP50Milliseconds: Change
        public var rerankP50Milliseconds: Change
        public var totalP50Milliseconds: Change

        enum CodingKeys: String, CodingKey {
            case rerank
            case ndcgAt10 = "ndcg@10"
            case recallAt100 = "recall@100"
            case mrrAt10 = "mrr@10"
            case firstStageP50Milliseconds = "first_stage_p50_ms"
            case rerankP50Milliseconds = "rerank_p50_ms"
            case totalP50Milliseconds = "total_p50_ms"
        }
    }

    public var a: String
    public var b: String
    public var dataset: String
    public var modes: [Mode]
    public var onlyInA: [String]
    public var onlyInB: [String]

    enum CodingKeys: String, CodingKey {
        case a, b, dataset, modes
        case onlyInA = "only_in_a"
        case onlyInB = "only_in_b"
    }

    /// Whether the JSON at `url` is a `seek bench rerank` report (rather than a suite result).
    public static func isRerankReport(_ url: URL) -> Bool {
        (try? rows(url)) != nil
    }

    /// Compares the reports at `a` and `b`.
    /// - Throws: `SuiteError.unreadable` / `.invalidReport` for a file that is not a rerank report,
    ///   `SuiteError.invalidReport` for two reports of different datasets.
    public init(a: URL, b: URL) throws {
        let (datasetA, rowsA) = try Self.rows(a), (datasetB, rowsB) = try Self.rows(b)
        guard datasetA == datasetB else {
            throw SuiteError.invalidReport(path: b.path, reason: "it measures dataset \(datasetB), \(a.path) measures \(datasetA)")
        }
        self.a = a.path
        self.b = b.path
        dataset = datasetA
        let named = Dictionary(rowsB.map { ($0.rerank, $0) }, uniquingKeysWith: { first, _ in first })
        modes = rowsA.compactMap { row in
            named[row.rerank].map { other in
                Mode(rerank: row.rerank, ndcgAt10: Change(a: row.ndcg, b: other.ndcg), recallAt100: Change(a: row.recall, b: other.recall),
                     mrrAt10: Change(a: row.mrr, b: other.mrr), firstStageP50Milliseconds: Change(a: row.firstStage, b: other.firstStage),
                     rerankP50Milliseconds: Change(a: row.rerankStage, b: other.rerankStage), totalP50Milliseconds: Change(a: row.total, b: other.total))
            }
        }
        onlyInA = rowsA.map(\.rerank).filter { named[$0] == nil }
        onlyInB = rowsB.map(\.rerank).filter { name in !rowsA.contains { $0.rerank == name } }
    }

    private struct Row {
        var rerank: String
        var ndcg, recall, mrr, firstStage, rerankStage, total: Double
    }

    /// The dataset and the mode rows of a report (plain JSON: the report type only encodes).
    private static func rows(_ url: URL) throws -> (String, [Row]) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SuiteError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let dataset = object["dataset"] as? String, let modes = object["modes"] as? [[String: Any]], !modes.isEmpty else {
            throw SuiteError.invalidReport(path: url.path, reason: "no \"dataset\" and \"modes\" of a `seek bench rerank` report")
        }
        return (dataset, try modes.map { mode in
            func p50(_ key: String) -> Double? { (mode[key] as? [String: Any])?["p50"] as? Double }
            guard let rerank = mode["rerank"] as? String, let ndcg = mode["ndcg@10"] as? Double, let recall = mode["recall@100"] as? Double,
                  let mrr = mode["mrr@10"] as? Double, let first = p50("first_stage_ms"), let stage = p50("rerank_ms"), let total = p50("total_ms") else {
                throw SuiteError.invalidReport(path: url.path, reason: "a mode row lacks rerank, metrics or stage latencies")
            }
            return Row(rerank: rerank, ndcg: ndcg, recall: recall, mrr: mrr, firstStage: first, rerankStage: stage, total: total)
        })
    }
}
