import Foundation
import SeekCore
import SeekSearch

/// `seek bench search`: brute-force vector search over synthetic unit vectors (seeded, so every
/// run scans the same data), one query at a time: latency percentiles of the exact Float32 scan
/// and of the Int8 scan with exact rescoring, and the recall@k of the latter against the former.
public struct SearchBenchmark: Sendable {
    /// What to measure.
    public struct Configuration: Sendable, Equatable {
        /// Vectors in the synthetic index. Default 100,000.
        public var vectors: Int
        /// Components per vector. Default 384.
        public var dimension: Int
        /// Timed queries per method. Default 200.
        public var queries: Int
        /// Untimed queries run first (page faults, caches). Default 5.
        public var warmupQueries: Int
        /// Results per query. Default 10.
        public var k: Int
        /// Seed of the vectors and queries. Default 42.
        public var seed: UInt64
        /// Threads each scan is split across. Default: the active processors.
        public var threads: Int

        public init(
            vectors: Int = 100_000, dimension: Int = 384, queries: Int = 200, warmupQueries: Int = 5, k: Int = 10, seed: UInt64 = 42,
            threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.vectors = vectors
            self.dimension = dimension
            self.queries = queries
            self.warmupQueries = warmupQueries
            self.k = k
            self.seed = seed
            self.threads = threads
        }
    }

    /// Latency percentiles of one method.
    public struct Latency: Sendable, Equatable, Codable {
        public var p50Milliseconds: Double
        public var p95Milliseconds: Double

        public init(p50Milliseconds: Double, p95Milliseconds: Double) {
            self.p50Milliseconds = p50Milliseconds
            self.p95Milliseconds = p95Milliseconds
        }

        enum CodingKeys: String, CodingKey {
            case p50Milliseconds = "p50_ms"
            case p95Milliseconds = "p95_ms"
        }
    }

    /// The Int8 method: its latency and its recall against the exact scan.
    public struct ApproximateLatency: Sendable, Equatable, Codable {
        public var p50Milliseconds: Double
        public var p95Milliseconds: Double
        /// Mean share of the exact top k found (1.0 = identical sets).
        public var recall: Double

        enum CodingKeys: String, CodingKey {
            case p50Milliseconds = "p50_ms"
            case p95Milliseconds = "p95_ms"
            case recall = "recall@10"
        }
    }

    /// JSON: {"vectors","dim","exact_f32":{"p50_ms","p95_ms"},"int8_rescore":{"p50_ms","p95_ms","recall@10"}}.
    public struct Report: Sendable, Equatable, Codable {
        public var vectors: Int
        public var dimension: Int
        public var exactFloat32: Latency
        public var int8Rescore: ApproximateLatency

        enum CodingKeys: String, CodingKey {
            case vectors
            case dimension = "dim"
            case exactFloat32 = "exact_f32"
            case int8Rescore = "int8_rescore"
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Builds the synthetic index and times both methods, query by query, alternating them.
    public func run() throws(SearchError) -> Report {
        let c = configuration
        guard c.vectors >= c.k, c.k >= 1, c.dimension >= 1, c.queries >= 1, c.warmupQueries >= 0 else {
            throw .invalidQuery(reason: "benchmark needs vectors >= k >= 1, a positive dimension and queries, got \(c)")
        }
        var generator = SeededUnitVectors(seed: c.seed)
        var values: [Float] = []
        values.reserveCapacity(c.vectors * c.dimension)
        for _ in 0..<c.vectors { generator.append(dimension: c.dimension, to: &values) }
        let index = try VectorIndex(chunkIds: (0..<Int64(c.vectors)).map { $0 + 1 }, vectors: values, dimension: c.dimension, threads: c.threads)
        var exactTimes: [Double] = [], approximateTimes: [Double] = []
        var recallSum = 0.0
        for number in 0..<(c.warmupQueries + c.queries) {
            var query: [Float] = []
            generator.append(dimension: c.dimension, to: &query)
            let (exact, exactSeconds) = try Self.timed { () throws(SearchError) in try index.exact(query: query, k: c.k) }
            let (approximate, approximateSeconds) = try Self.timed { () throws(SearchError) in try index.approximate(query: query, k: c.k) }
            guard number >= c.warmupQueries else { continue }
            exactTimes.append(exactSeconds * 1_000)
            approximateTimes.append(approximateSeconds * 1_000)
            let exactIds = Set(exact.map(\.chunkId))
            recallSum += Double(approximate.filter { exactIds.contains($0.chunkId) }.count) / Double(max(exactIds.count, 1))
        }
        return Report(
            vectors: c.vectors, dimension: c.dimension,
            exactFloat32: Latency(p50Milliseconds: Self.percentile(exactTimes, 0.50), p95Milliseconds: Self.percentile(exactTimes, 0.95)),
            int8Rescore: ApproximateLatency(
                p50Milliseconds: Self.percentile(approximateTimes, 0.50), p95Milliseconds: Self.percentile(approximateTimes, 0.95),
                recall: recallSum / Double(c.queries)))
    }

    /// Nearest-rank percentile of `values` (`queries >= 1` guarantees values).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        Percentile.nearestRank(values, fraction) ?? .nan
    }

    private static func timed<T>(_ body: () throws(SearchError) -> T) throws(SearchError) -> (T, Double) {
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        return (result, elapsed.seconds)
    }
}
