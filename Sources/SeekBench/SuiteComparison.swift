import SeekCore
import SeekSearch

/// `seek bench compare A.json B.json`: how suite result B differs from A — latency and MRR@10 per
/// mode and difficulty (deltas are B − A), and for each query and mode whose top results changed,
/// the rank of each of those results in A and in B.
public struct SuiteComparison: Sendable, Codable, Equatable {
    /// One mode and difficulty in A and B.
    public struct SummaryChange: Sendable, Codable, Equatable {
        public var mode: SearchMode
        public var difficulty: String
        public var p50MillisecondsA: Double?
        public var p50MillisecondsB: Double?
        public var p50MillisecondsDelta: Double?
        public var p95MillisecondsA: Double?
        public var p95MillisecondsB: Double?
        public var p95MillisecondsDelta: Double?
        public var mrrAt10A: Double?
        public var mrrAt10B: Double?
        public var mrrAt10Delta: Double?

        enum CodingKeys: String, CodingKey {
            case mode, difficulty
            case p50MillisecondsA = "p50_ms_a"
            case p50MillisecondsB = "p50_ms_b"
            case p50MillisecondsDelta = "p50_ms_delta"
            case p95MillisecondsA = "p95_ms_a"
            case p95MillisecondsB = "p95_ms_b"
            case p95MillisecondsDelta = "p95_ms_delta"
            case mrrAt10A = "mrr_at_10_a"
            case mrrAt10B = "mrr_at_10_b"
            case mrrAt10Delta = "mrr_at_10_delta"
        }
    }

    /// A result path and its 1-based rank among the top results of A and of B (nil: not there).
    public struct RankChange: Sendable, Codable, Equatable {
        public var path: String
        public var rankA: Int?
        public var rankB: Int?

        enum CodingKeys: String, CodingKey {
            case path
            case rankA = "rank_a"
            case rankB = "rank_b"
        }
    }

    /// A query whose top results in `mode` differ between A and B.
    public struct QueryChange: Sendable, Codable, Equatable {
        public var query: String
        public var difficulty: SuiteQuery.Difficulty
        public var mode: SearchMode
        /// Every path in either top list, by rank in B, then by rank in A.
        public var changes: [RankChange]
        /// The rejection messages, when the query was rejected in A or B.
        public var rejectedA: String?
        public var rejectedB: String?

        enum CodingKeys: String, CodingKey {
            case query, difficulty, mode, changes
            case rejectedA = "rejected_a"
            case rejectedB = "rejected_b"
        }
    }

    /// What A and B are (their file paths, or their creation times).
    public var a: String
    public var b: String
    /// Every mode and difficulty of A or B, in B's order then A's.
    public var summaries: [SummaryChange]
    /// In A's query order, then mode order.
    public var changed: [QueryChange]
    /// Queries (with their difficulty) found in only one of the two.
    public var onlyInA: [String]
    public var onlyInB: [String]

    enum CodingKeys: String, CodingKey {
        case a, b, summaries, changed
        case onlyInA = "only_in_a"
        case onlyInB = "only_in_b"
    }

    public init(a: SuiteReport, b: SuiteReport, nameA: String, nameB: String) {
        self.a = nameA
        self.b = nameB
        func delta(_ x: Double?, _ y: Double?) -> Double? { x.flatMap { x in y.map { $0 - x } } }
        var keys: [(SearchMode, String)] = []
        for summary in a.summaries + b.summaries where !keys.contains(where: { $0 == (summary.mode, summary.difficulty) }) {
            keys.append((summary.mode, summary.difficulty))
        }
        summaries = keys.map { mode, difficulty in
            let x = a.summary(mode, difficulty), y = b.summary(mode, difficulty)
            return SummaryChange(
                mode: mode, difficulty: difficulty,
                p50MillisecondsA: x?.p50Milliseconds, p50MillisecondsB: y?.p50Milliseconds,
                p50MillisecondsDelta: delta(x?.p50Milliseconds, y?.p50Milliseconds),
                p95MillisecondsA: x?.p95Milliseconds, p95MillisecondsB: y?.p95Milliseconds,
                p95MillisecondsDelta: delta(x?.p95Milliseconds, y?.p95Milliseconds),
                mrrAt10A: x?.mrrAt10, mrrAt10B: y?.mrrAt10, mrrAt10Delta: delta(x?.mrrAt10, y?.mrrAt10))
        }

        // Queries are matched by difficulty and text (the first occurrence of each).
        func key(_ query: SuiteReport.QueryResult) -> String { "[\(query.difficulty.rawValue)] \(query.query)" }
        var inB: [String: SuiteReport.QueryResult] = [:]
        for query in b.queries where inB[key(query)] == nil { inB[key(query)] = query }
        let keysA = Set(a.queries.map(key))
        onlyInA = a.queries.map(key).filter { inB[$0] == nil }
        onlyInB = b.queries.map(key).filter { !keysA.contains($0) }

        var changed: [QueryChange] = []
        var compared = Set<String>()
        for query in a.queries where compared.insert(key(query)).inserted {
            guard let other = inB[key(query)] else { continue }
            for mode in SuiteReport.modes {
                let x = query.run(mode), y = other.run(mode)
                let topA = x?.top ?? [], topB = y?.top ?? []
                guard topA != topB || x?.rejected != y?.rejected else { continue }
                var paths = topB
                for path in topA where !paths.contains(path) { paths.append(path) }
                let changes = paths.map { path in
                    RankChange(path: path, rankA: topA.firstIndex(of: path).map { $0 + 1 }, rankB: topB.firstIndex(of: path).map { $0 + 1 })
                }
                changed.append(QueryChange(query: query.query, difficulty: query.difficulty, mode: mode, changes: changes,
                                           rejectedA: x?.rejected, rejectedB: y?.rejected))
            }
        }
        self.changed = changed
    }
}
