import Metrics

/// The pool's swift-metrics instruments (label prefix `seek_embedder_`): counters of batches,
/// tokens, restarts (by reason), failed sequences and retried batches; gauges of each worker
/// slot's RSS and of the queue depth. They report to whatever `MetricsSystem` is bootstrapped.
struct PoolMetrics: Sendable {
    let batches = Counter(label: "seek_embedder_batches")
    let tokens = Counter(label: "seek_embedder_tokens")
    let failures = Counter(label: "seek_embedder_failures")
    let retriedBatches = Counter(label: "seek_embedder_retried_batches")
    let queueDepth = Gauge(label: "seek_embedder_queue_depth")
    private let restarts: [RestartReason: Counter]
    private let workerRSS: [Gauge]

    init(workers: Int) {
        restarts = Dictionary(uniqueKeysWithValues: RestartReason.allCases.map {
            ($0, Counter(label: "seek_embedder_restarts", dimensions: [("reason", $0.rawValue)]))
        })
        workerRSS = (0..<workers).map { Gauge(label: "seek_embedder_worker_rss_bytes", dimensions: [("worker", String($0))]) }
    }

    func restarted(_ reason: RestartReason) {
        restarts[reason]?.increment()
    }

    func recordRSS(slot: Int, bytes: Int) {
        if workerRSS.indices.contains(slot) { workerRSS[slot].record(bytes) }
    }
}
