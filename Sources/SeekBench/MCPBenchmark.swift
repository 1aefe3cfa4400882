import Foundation
import SeekCore

/// `seek bench mcp`: a real `seek mcp` child process over stdio on an index, driven the way an
/// agent's client drives it: `initialize`, then `calls` sequential `tools/call search` requests
/// (hybrid, Cranfield queries), each timed from writing its line to reading the answer's line;
/// then `related` calls on one file, and `status` for the number of model loads. The client reads
/// its pipe with blocking reads, as event-driven clients do, so the latency is the server's.
public struct MCPBenchmark: Sendable {
    /// JSON: {"chunks","calls","mode","p50_ms","p95_ms","max_ms","first_call_ms","search_took_p50_ms",
    /// "related":{"calls","p50_ms","p95_ms"},"model_loads","errors","index_build_seconds"}.
    public struct Result: Sendable, Codable, Equatable {
        public var chunks: Int
        public var calls: Int
        public var mode: String
        /// Call latency over every call, the first one included.
        public var p50Milliseconds: Double
        public var p95Milliseconds: Double
        public var maxMilliseconds: Double
        /// The first call alone (it waits for the model and the vectors if they are still loading).
        public var firstCallMilliseconds: Double
        /// The server's own `took_ms` of the searches (the rest of a call is JSON-RPC and the pipe).
        public var searchTookP50Milliseconds: Double
        public var related: SearchBenchmark.Latency
        public var relatedCalls: Int
        /// Times the server loaded the model, from its `status` tool after the calls.
        public var modelLoads: Int
        /// Calls answered with an error (0 expected).
        public var errors: Int
        public var indexBuildSeconds: Double

        enum CodingKeys: String, CodingKey {
            case chunks, calls, mode, related, errors
            case p50Milliseconds = "p50_ms"
            case p95Milliseconds = "p95_ms"
            case maxMilliseconds = "max_ms"
            case firstCallMilliseconds = "first_call_ms"
            case searchTookP50Milliseconds = "search_took_p50_ms"
            case relatedCalls = "related_calls"
            case modelLoads = "model_loads"
            case indexBuildSeconds = "index_build_seconds"
        }
    }

    /// The `seek` binary to run.
    public var executable: String
    /// Extra arguments for `seek mcp` (`--model-dir`...).
    public var serverArguments: [String]
    /// Timed `search` calls. Default 200.
    public var calls: Int
    /// Timed `related` calls. Default 20.
    public var relatedCalls: Int

    public init(executable: String, serverArguments: [String] = [], calls: Int = 200, relatedCalls: Int = 20) {
        self.executable = executable
        self.serverArguments = serverArguments
        self.calls = calls
        self.relatedCalls = relatedCalls
    }

    /// Runs the calls against the index in `indexDirectory` with `queries` (used in turn);
    /// `relatedPath` is the indexed file the `related` calls compare the others with.
    public func run(indexDirectory: URL, chunks: Int, queries: [String], relatedPath: String, indexBuildSeconds: Double) throws -> Result {
        guard calls >= 1, relatedCalls >= 1, !queries.isEmpty else { throw BenchmarkError.failed("the MCP benchmark needs calls and queries") }
        let server = try JSONRPCChild(executable: executable, arguments: ["mcp", "--index", indexDirectory.path] + serverArguments)
        defer { server.stop() }
        _ = try server.call("initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "seek-bench", "version": SeekVersion.current],
        ])
        try server.notify("notifications/initialized")

        var times: [Double] = [], took: [Double] = [], errors = 0
        for number in 0..<calls {
            let started = ContinuousClock.now
            let answer = try server.call("tools/call", ["name": "search", "arguments": ["query": queries[number % queries.count], "k": 10]])
            times.append((ContinuousClock.now - started).milliseconds)
            let result = answer["result"] as? [String: Any]
            if answer["error"] != nil || result?["isError"] as? Bool == true { errors += 1 }
            if let milliseconds = (result?["structuredContent"] as? [String: Any])?["took_ms"] as? Double { took.append(milliseconds) }
        }
        var relatedTimes: [Double] = []
        for _ in 0..<relatedCalls {
            let started = ContinuousClock.now
            let answer = try server.call("tools/call", ["name": "related", "arguments": ["path": relatedPath, "k": 10]])
            relatedTimes.append((ContinuousClock.now - started).milliseconds)
            if answer["error"] != nil || (answer["result"] as? [String: Any])?["isError"] as? Bool == true { errors += 1 }
        }
        let status = try server.call("tools/call", ["name": "status", "arguments": [String: Any]()])
        let serverStatistics = ((status["result"] as? [String: Any])?["structuredContent"] as? [String: Any])?["server"] as? [String: Any]
        guard let modelLoads = serverStatistics?["model_loads"] as? Int else {
            throw BenchmarkError.failed("the status tool did not report the model loads: \(status)")
        }
        return Result(
            chunks: chunks, calls: calls, mode: "hybrid", p50Milliseconds: Percentile.nearestRank(times, 0.5) ?? .nan,
            p95Milliseconds: Percentile.nearestRank(times, 0.95) ?? .nan, maxMilliseconds: times.max() ?? .nan,
            firstCallMilliseconds: times[0], searchTookP50Milliseconds: Percentile.nearestRank(took, 0.5) ?? .nan,
            related: SearchBenchmark.Latency(p50Milliseconds: Percentile.nearestRank(relatedTimes, 0.5) ?? .nan,
                                             p95Milliseconds: Percentile.nearestRank(relatedTimes, 0.95) ?? .nan),
            relatedCalls: relatedCalls, modelLoads: modelLoads, errors: errors, indexBuildSeconds: indexBuildSeconds)
    }
}
