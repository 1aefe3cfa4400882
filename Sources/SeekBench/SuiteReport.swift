import Foundation
import SeekCore
import SeekSearch

/// The result of `seek bench suite`: every query of a suite run in vector, keyword and hybrid
/// modes on one warm searcher, with latency percentiles and MRR@10 per mode and difficulty, and
/// each query's top results. Saved as `<index>/bench/suite-<timestamp>.json`.
public struct SuiteReport: Sendable, Codable, Equatable {
    /// One query in one mode.
    public struct Run: Sendable, Codable, Equatable {
        public var mode: SearchMode
        /// Wall time of the search; nil when it was rejected.
        public var tookMilliseconds: Double?
        /// The first `SuiteReport.topCount` result paths, relative to their indexed root.
        public var top: [String]
        /// 1 / rank of the first relevant file within 10 results (0 when none is there or the
        /// query was rejected); nil when the query has no relevant file.
        public var reciprocalRank: Double?
        /// Why the searcher rejected the query (an edge query empty after trimming...), else nil.
        public var rejected: String?

        public init(mode: SearchMode, tookMilliseconds: Double?, top: [String], reciprocalRank: Double?, rejected: String?) {
            self.mode = mode
            self.tookMilliseconds = tookMilliseconds
            self.top = top
            self.reciprocalRank = reciprocalRank
            self.rejected = rejected
        }

        enum CodingKeys: String, CodingKey {
            case mode, top, rejected
            case tookMilliseconds = "took_ms"
            case reciprocalRank = "reciprocal_rank"
        }
    }

    /// One query and its runs, in mode order.
    public struct QueryResult: Sendable, Codable, Equatable {
        public var query: String
        public var difficulty: SuiteQuery.Difficulty
        public var relevant: [String]
        public var runs: [Run]

        public init(query: String, difficulty: SuiteQuery.Difficulty, relevant: [String], runs: [Run]) {
            self.query = query
            self.difficulty = difficulty
            self.relevant = relevant
            self.runs = runs
        }

        public func run(_ mode: SearchMode) -> Run? { runs.first { $0.mode == mode } }
    }

    /// Latency and MRR of one mode over the queries of one difficulty (or "all").
    public struct Summary: Sendable, Codable, Equatable {
        public var mode: SearchMode
        /// A `SuiteQuery.Difficulty` raw value, or "all".
        public var difficulty: String
        public var queries: Int
        public var rejected: Int
        /// Nearest-rank percentiles and mean of the answered queries' latency; nil when none answered.
        public var p50Milliseconds: Double?
        public var p95Milliseconds: Double?
        public var meanMilliseconds: Double?
        /// Queries with relevant files, and their mean reciprocal rank at 10 (nil when none).
        public var judged: Int
        public var mrrAt10: Double?

        enum CodingKeys: String, CodingKey {
            case mode, difficulty, queries, rejected, judged
            case p50Milliseconds = "p50_ms"
            case p95Milliseconds = "p95_ms"
            case meanMilliseconds = "mean_ms"
            case mrrAt10 = "mrr_at_10"
        }
    }

    /// The modes run for each query, in this order.
    public static let modes: [SearchMode] = [.vector, .keyword, .hybrid]
    /// Result paths kept per query and mode.
    public static let topCount = 5
    /// The difficulty name of the summaries over every query.
    public static let allDifficulties = "all"

    /// ISO 8601 time of the run.
    public var createdAt: String
    /// The index directory and its roots.
    public var index: String
    public var roots: [String]
    /// Chunks in the index.
    public var chunks: Int
    /// The queries file.
    public var queriesFile: String
    /// Where the report was saved (set when saved).
    public var savedTo: String?
    /// Per mode (vector, keyword, hybrid), then per difficulty ("all" first, then easy...edge).
    public var summaries: [Summary]
    /// In the suite's order.
    public var queries: [QueryResult]

    enum CodingKeys: String, CodingKey {
        case index, roots, chunks, summaries, queries
        case createdAt = "created_at"
        case queriesFile = "queries_file"
        case savedTo = "saved_to"
    }

    public init(createdAt: String, index: String, roots: [String], chunks: Int, queriesFile: String, queries: [QueryResult]) {
        self.createdAt = createdAt
        self.index = index
        self.roots = roots
        self.chunks = chunks
        self.queriesFile = queriesFile
        self.queries = queries
        summaries = Self.summaries(of: queries)
    }

    /// The summary of `mode` over `difficulty` ("all" or a difficulty's raw value).
    public func summary(_ mode: SearchMode, _ difficulty: String = SuiteReport.allDifficulties) -> Summary? {
        summaries.first { $0.mode == mode && $0.difficulty == difficulty }
    }

    /// Summaries per mode and difficulty present in `queries`.
    public static func summaries(of queries: [QueryResult]) -> [Summary] {
        let difficulties = [allDifficulties] + SuiteQuery.Difficulty.allCases.filter { level in queries.contains { $0.difficulty == level } }.map(\.rawValue)
        return modes.flatMap { mode in
            difficulties.map { difficulty in
                let runs = queries.filter { difficulty == allDifficulties || $0.difficulty.rawValue == difficulty }.compactMap { $0.run(mode) }
                let latencies = runs.compactMap(\.tookMilliseconds)
                let ranks = runs.compactMap(\.reciprocalRank)
                return Summary(
                    mode: mode, difficulty: difficulty, queries: runs.count, rejected: runs.filter { $0.rejected != nil }.count,
                    p50Milliseconds: Percentile.nearestRank(latencies, 0.5), p95Milliseconds: Percentile.nearestRank(latencies, 0.95),
                    meanMilliseconds: latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count),
                    judged: ranks.count, mrrAt10: ranks.isEmpty ? nil : ranks.reduce(0, +) / Double(ranks.count))
            }
        }
    }

    /// Reads a saved report.
    public static func load(from url: URL) throws -> SuiteReport {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SuiteError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(SuiteReport.self, from: data)
        } catch {
            throw SuiteError.invalidReport(path: url.path, reason: "\(error)")
        }
    }
}
