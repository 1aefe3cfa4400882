import Metrics

/// The pool's swift-metrics instruments (label prefix `seek_embedder_`): counters
/// `seek_embedder_batches`, `_tokens`, `_restarts` (dimension `reason`), `_failures` (sequences)
/// and `_retried_batches`; gauges `seek_embedder_worker_rss_bytes` (dimension `worker`: the slot)
/// and `seek_embedder_queue_depth` (batches waiting). They report to `factory`, by default the
/// bootstrapped `MetricsSystem`.
@_spi(Testing) public struct PoolMetrics: Sendable {
    let batches: Counter
    let tokens: Counter
    let failures: Counter
    let retriedBatches: Counter
    let queueDepth: Gauge
    private let restarts: [RestartReason: Counter]
    private let workerRSS: [Gauge]

    public init(workers: Int, factory: any MetricsFactory) {
        batches = Counter(label: "seek_embedder_batches", factory: factory)
        tokens = Counter(label: "seek_embedder_tokens", factory: factory)
        failures = Counter(label: "seek_embedder_failures", factory: factory)
        retriedBatches = Counter(label: "seek_embedder_retried_batches", factory: factory)
        queueDepth = Gauge(label: "seek_embedder_queue_depth", factory: factory)
        restarts = Dictionary(uniqueKeysWithValues: RestartReason.allCases.map {
            ($0, Counter(label: "seek_embedder_restarts", dimensions: [("reason", $0.rawValue)], factory: factory))
        })
        workerRSS = (0..<workers).map {
            Gauge(label: "seek_embedder_worker_rss_bytes", dimensions: [("worker", String($0))], factory: factory)
        }
    }

    func restarted(_ reason: RestartReason) {
        restarts[reason]?.increment()
    }

    func recordRSS(slot: Int, bytes: Int) {
        if workerRSS.indices.contains(slot) { workerRSS[slot].record(bytes) }
    }
}
