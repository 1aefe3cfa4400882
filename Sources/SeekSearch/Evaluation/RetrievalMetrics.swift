import Foundation

/// The standard ranking metrics of BEIR-style evaluation, per query. `ranking` is document ids,
/// best first (a repeated id counts at its first position); `judgments` maps document id to graded
/// relevance, where a grade above 0 is relevant.
public enum RetrievalMetrics {
    /// nDCG at `cutoff` with linear graded gains (trec_eval / pytrec_eval): DCG = Σ grade_i / log2(i + 1)
    /// over ranks i = 1...cutoff, divided by the DCG of the ideal ordering of the judged grades.
    /// Nil when the query has no relevant document.
    public static func ndcg(ranking: [String], judgments: [String: Int], cutoff: Int = 10) -> Double? {
        let ideal = judgments.values.filter { $0 > 0 }.sorted(by: >).prefix(cutoff)
        guard !ideal.isEmpty else { return nil }
        let idealGain = ideal.enumerated().reduce(0.0) { $0 + Double($1.element) / log2(Double($1.offset + 2)) }
        let gain = deduplicated(ranking).prefix(cutoff).enumerated().reduce(0.0) { total, entry in
            total + Double(max(judgments[entry.element] ?? 0, 0)) / log2(Double(entry.offset + 2))
        }
        return gain / idealGain
    }

    /// The share of the relevant documents found in the first `cutoff` ranks. Nil when the query
    /// has no relevant document.
    public static func recall(ranking: [String], judgments: [String: Int], cutoff: Int = 100) -> Double? {
        let relevant = Set(judgments.filter { $0.value > 0 }.keys)
        guard !relevant.isEmpty else { return nil }
        let found = deduplicated(ranking).prefix(cutoff).filter(relevant.contains).count
        return Double(found) / Double(relevant.count)
    }

    /// 1 / rank of the first relevant document within `cutoff` ranks, 0 when none is there. Nil
    /// when the query has no relevant document.
    public static func reciprocalRank(ranking: [String], judgments: [String: Int], cutoff: Int = 10) -> Double? {
        guard judgments.values.contains(where: { $0 > 0 }) else { return nil }
        for (offset, id) in deduplicated(ranking).prefix(cutoff).enumerated() where (judgments[id] ?? 0) > 0 {
            return 1 / Double(offset + 1)
        }
        return 0
    }

    private static func deduplicated(_ ranking: [String]) -> [String] {
        var seen = Set<String>()
        return ranking.filter { seen.insert($0).inserted }
    }
}
