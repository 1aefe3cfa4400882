import CoreMetrics
import Foundation
import Prometheus
import SeekEngine

/// The server's Prometheus metrics, recorded through swift-metrics into one registry and served
/// at /metrics: searches (count and latency histogram by mode), index runs, indexed files,
/// chunks and tokens, searcher refreshes, embedder worker restarts (from the engine's events),
/// and the index's files, chunks and size (read at each scrape). The engine's own metrics
/// (embedder pool RSS and batches, indexing queues, tokens/s) land in the same registry when the
/// process bootstraps `MetricsSystem` with `factory` (`SeekHTTPServer.bootstrapMetrics`).
public final class ServerMetrics: Sendable {
    /// The registry /metrics emits.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory over `registry`.
    public let factory: PrometheusMetricsFactory

    /// Latency histogram buckets of searches, in seconds.
    static let searchBuckets: [Duration] = [1, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120].map { .milliseconds($0) }

    /// A registry of its own (tests make several; the process's metrics system is bootstrapped once).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["seek_search_duration_seconds"] = Self.searchBuckets
        self.factory = factory
    }

    /// Records one search of `mode`: its outcome and, when it succeeded, its latency.
    func recordSearch(mode: SearchMode, duration: Duration, succeeded: Bool) {
        Counter(label: "seek_search_requests_total", dimensions: [("mode", mode.rawValue), ("outcome", succeeded ? "ok" : "error")],
                factory: factory).increment()
        if succeeded {
            Timer(label: "seek_search_duration_seconds", dimensions: [("mode", mode.rawValue)], factory: factory).recordNanoseconds(
                duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        }
    }

    /// Counts what an engine event says happened.
    func record(_ event: EngineEvent) {
        switch event {
        case .runFinished(_, let report):
            Counter(label: "seek_index_runs_total", dimensions: [("outcome", "finished")], factory: factory).increment()
            Counter(label: "seek_indexed_files_total", factory: factory).increment(by: report.filesIndexed)
            Counter(label: "seek_indexed_chunks_total", factory: factory).increment(by: report.chunks)
            Counter(label: "seek_indexed_tokens_total", factory: factory).increment(by: report.tokens)
            Gauge(label: "seek_last_run_tokens_per_second", factory: factory).record(report.tokensPerSecond)
        case .runFailed:
            Counter(label: "seek_index_runs_total", dimensions: [("outcome", "failed")], factory: factory).increment()
        case .runProgress(_, let progress):
            Gauge(label: "seek_run_tokens_per_second", factory: factory).record(progress.tokensPerSecond)
            Gauge(label: "seek_run_queue_depth", dimensions: [("queue", "parse")], factory: factory).record(progress.queuedForParse)
            Gauge(label: "seek_run_queue_depth", dimensions: [("queue", "embed")], factory: factory).record(progress.queuedForEmbedding)
        case .searcherRefreshed:
            Counter(label: "seek_searcher_refreshes_total", factory: factory).increment()
        case .workerRestarted(let worker):
            Counter(label: "seek_worker_restarts_total", dimensions: [("reason", worker.reason ?? "unknown")], factory: factory).increment()
        case .workerFailed:
            Counter(label: "seek_worker_failures_total", factory: factory).increment()
        default:
            break
        }
    }

    /// Reads the index's status and the open /api/events streams into gauges, then the registry as Prometheus text.
    func exposition(status: IndexStatus?, eventStreams: Int) -> String {
        Gauge(label: "seek_server_event_streams", factory: factory).record(eventStreams)
        if let status {
            Gauge(label: "seek_catalog_size_bytes", factory: factory).record(status.dbBytes)
            Gauge(label: "seek_catalog_chunks", factory: factory).record(status.chunks)
            for (fileStatus, count) in status.files {
                Gauge(label: "seek_catalog_files", dimensions: [("status", fileStatus.rawValue)], factory: factory).record(count)
            }
        }
        Gauge(label: "seek_server_resident_bytes", factory: factory).record(Self.residentBytes())
        return registry.emitToString()
    }

    /// This process's resident set size from /proc (0 where there is none).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
