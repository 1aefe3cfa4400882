import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SeekCore
import SeekEngine
import SeekKernels

/// `seek bench serve`: HTTP load on a running `seek serve` (started by the caller, so this
/// module never depends on the web server): first `warmQueries` sequential hybrid searches with
/// nothing else going on (the warm p50), then `clients` concurrent clients doing hybrid searches
/// for `seconds` while an index run (POST /api/index) adds a folder of files. Every non-200
/// answer or transport failure counts as an error.
public struct ServeBenchmark: Sendable {
    /// A server the benchmark talks to, and how to stop it.
    public struct RunningServer: Sendable {
        public var port: Int
        public var stop: @Sendable () async -> Void

        public init(port: Int, stop: @escaping @Sendable () async -> Void) {
            self.port = port
            self.stop = stop
        }
    }

    public struct Result: Sendable, Codable, Equatable {
        public var chunks: Int
        public var clients: Int
        public var seconds: Double
        public var mode: String
        public var requests: Int
        public var errors: Int
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var requestsPerSecond: Double
        /// Sequential hybrid searches with no indexing going on.
        public var warmHybridP50Milliseconds: Double
        public var warmQueries: Int
        /// Files the concurrent index run was asked to add, and what it had indexed when the load stopped.
        public var filesAdded: Int
        public var filesIndexedDuringLoad: Int
        public var indexRunFinished: Bool
        public var indexBuildSeconds: Double
        public var avx2: Bool
        public var blas: String

        enum CodingKeys: String, CodingKey {
            case chunks, clients, seconds, mode, requests, errors, avx2, blas
            case p50Milliseconds = "p50_ms"
            case p99Milliseconds = "p99_ms"
            case requestsPerSecond = "requests_per_s"
            case warmHybridP50Milliseconds = "warm_hybrid_p50_ms"
            case warmQueries = "warm_queries"
            case filesAdded = "files_added"
            case filesIndexedDuringLoad = "files_indexed_during_load"
            case indexRunFinished = "index_run_finished"
            case indexBuildSeconds = "index_build_seconds"
        }
    }

    public var clients: Int
    public var seconds: Double
    public var warmQueries: Int

    public init(clients: Int = 32, seconds: Double = 30, warmQueries: Int = 100) {
        self.clients = clients
        self.seconds = seconds
        self.warmQueries = warmQueries
    }

    /// Runs the load against the server on `port` of 127.0.0.1; `engine` is the server's (its
    /// events tell how far the concurrent run got).
    func run(port: Int, engine: SeekEngine, queries: [String], addFolder: URL, filesAdded: Int, chunks: Int,
             indexBuildSeconds: Double) async throws -> Result {
        let base = "http://127.0.0.1:\(port)"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = clients * 2
        configuration.timeoutIntervalForRequest = 60
        let session = URLSession(configuration: configuration)
        @Sendable func searchURL(_ index: Int) -> URL {
            var components = URLComponents(string: base + "/api/search")!
            components.queryItems = [URLQueryItem(name: "q", value: queries[index % queries.count]), URLQueryItem(name: "mode", value: "hybrid")]
            return components.url!
        }
        /// One search: its latency in milliseconds, nil for an error.
        @Sendable func search(_ index: Int) async -> Double? {
            let started = ContinuousClock.now
            guard let (_, response) = try? await session.data(from: searchURL(index)),
                  (response as? HTTPURLResponse)?.statusCode == 200 else { return nil }
            return (ContinuousClock.now - started).milliseconds
        }

        // Warm: the model and the vectors load on the first searches, then sequential timing.
        for index in 0..<5 { _ = await search(index) }
        var warm: [Double] = []
        for index in 0..<warmQueries {
            if let milliseconds = await search(index) { warm.append(milliseconds) }
        }

        // Load while indexing.
        let subscription = engine.events.subscribe()
        let progress = Task { () -> (files: Int, finished: Bool) in
            var files = 0
            for await event in subscription {
                if case .fileIndexed = event { files += 1 }
                if case .runFinished = event { return (files, true) }
                if case .runFailed = event { return (files, false) }
            }
            return (files, false)
        }
        var request = URLRequest(url: URL(string: base + "/api/index")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["paths": [addFolder.path]])
        let (_, queued) = try await session.data(for: request)
        guard (queued as? HTTPURLResponse)?.statusCode == 202 else {
            throw EngineError.invalidRequest(reason: "the server did not queue the index run (\((queued as? HTTPURLResponse)?.statusCode ?? 0))")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: ([Double], Int).self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Double] = [], errors = 0, index = client * 7
                    while ContinuousClock.now < deadline {
                        if let milliseconds = await search(index) { latencies.append(milliseconds) } else { errors += 1 }
                        index += 1
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let elapsed = (ContinuousClock.now - started).seconds
        subscription.cancel()
        let run = await progress.value
        session.invalidateAndCancel()
        let latencies = outcomes.flatMap(\.0).sorted()
        let errors = outcomes.map(\.1).reduce(0, +)
        return Result(
            chunks: chunks, clients: clients, seconds: elapsed, mode: "hybrid", requests: latencies.count + errors, errors: errors,
            p50Milliseconds: Self.percentile(latencies, 0.50), p99Milliseconds: Self.percentile(latencies, 0.99),
            requestsPerSecond: Double(latencies.count) / max(elapsed, 0.001),
            warmHybridP50Milliseconds: Self.percentile(warm.sorted(), 0.50), warmQueries: warm.count,
            filesAdded: filesAdded, filesIndexedDuringLoad: run.files, indexRunFinished: run.finished,
            indexBuildSeconds: indexBuildSeconds, avx2: ElementwiseKernels.usesAVX2, blas: GEMM.libraryDescription)
    }

    /// The `fraction` percentile of sorted `values` (nearest rank); 0 for none.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
    }
}
