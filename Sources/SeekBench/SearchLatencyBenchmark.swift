import Foundation
import SeekCore
import SeekEngine
import SeekSearch

/// End-to-end search latency on a real index (`seek bench search`): warm queries through one
/// loaded `Searcher` (model and vectors in memory, as a server keeps them) per mode, and the wall
/// time of cold `seek search` processes (start, open, load the codes and the model, search, print).
public struct SearchLatencyBenchmark: Sendable {
    /// JSON: {"chunks","index_build_seconds","warm":{"hybrid":{"p50_ms","p95_ms"},...},"cold_cli":{"runs","mode","p50_ms","max_ms"}};
    /// `warmQueries` timed queries per mode.
    public struct Report: Sendable, Codable, Equatable {
        public var chunks: Int
        public var indexBuildSeconds: Double
        public var warm: [String: SearchBenchmark.Latency]
        public var coldCLI: ColdLatency

        enum CodingKeys: String, CodingKey {
            case chunks, warm
            case indexBuildSeconds = "index_build_seconds"
            case coldCLI = "cold_cli"
        }
    }

    public struct ColdLatency: Sendable, Codable, Equatable {
        public var runs: Int
        public var mode: String
        public var p50Milliseconds: Double
        public var maxMilliseconds: Double

        enum CodingKeys: String, CodingKey {
            case runs, mode
            case p50Milliseconds = "p50_ms"
            case maxMilliseconds = "max_ms"
        }
    }

    /// Timed warm queries per mode. Default 50 (after 5 untimed).
    public var warmQueries = 50
    /// Cold `seek search` processes. Default 5.
    public var coldRuns = 5

    public init(warmQueries: Int = 50, coldRuns: Int = 5) {
        self.warmQueries = warmQueries
        self.coldRuns = coldRuns
    }

    /// Measures the index of `engine` (a `.service` engine: model and vectors kept warm, as a
    /// server does) with the queries of Cranfield, each warm query through the engine's search
    /// service; `executable` is the `seek` binary the cold runs start.
    public func run(engine: SeekEngine, executable: String, indexBuildSeconds: Double) async throws -> Report {
        let queries = try BEIRDataset(directory: DatasetLocator.cranfield()).queries.map(\.text)
        guard queries.count >= 5 else { throw SearchError.invalidDataset(path: "cranfield", reason: "needs at least 5 queries") }
        let searcher = try await engine.searching.current()
        var warm: [String: SearchBenchmark.Latency] = [:]
        for mode in SearchMode.allCases {
            var times: [Double] = []
            for number in 0..<(warmQueries + 5) {
                let started = ContinuousClock.now
                _ = try await engine.searching.search(SearchRequest(query: queries[number % queries.count], mode: mode, k: 10))
                if number >= 5 { times.append((ContinuousClock.now - started).milliseconds) }
            }
            warm[mode.rawValue] = SearchBenchmark.Latency(p50Milliseconds: Percentile.nearestRank(times, 0.5) ?? .nan,
                                          p95Milliseconds: Percentile.nearestRank(times, 0.95) ?? .nan)
        }
        var coldTimes: [Double] = []
        for run in 0..<coldRuns {
            let arguments = ["search", queries[(run * 7) % queries.count], "--index", engine.settings.indexDirectory.path, "--json", "-k", "10"]
                + (engine.settings.modelStore.explicitDirectory.map { ["--model-dir", $0.path] } ?? [])
            let started = ContinuousClock.now
            let result = try CommandRunner.run(executable, arguments: arguments, timeoutSeconds: 120)
            let elapsed = (ContinuousClock.now - started).milliseconds
            guard result.exitCode == 0 else {
                throw SearchError.invalidQuery(reason: "cold `seek search` failed (exit \(result.exitCode)): \(result.errorText)")
            }
            coldTimes.append(elapsed)
        }
        return Report(
            chunks: searcher.vectorIndex.count, indexBuildSeconds: indexBuildSeconds, warm: warm,
            coldCLI: ColdLatency(runs: coldTimes.count, mode: SearchMode.hybrid.rawValue,
                                 p50Milliseconds: Percentile.nearestRank(coldTimes, 0.5) ?? .nan, maxMilliseconds: coldTimes.max() ?? .nan))
    }
}
