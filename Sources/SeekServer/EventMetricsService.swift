import SeekEngine
import ServiceLifecycle

/// Feeds the engine's events into the server's metrics until the server shuts down.
struct EventMetricsService: Service {
    let events: EventBroadcaster
    let metrics: ServerMetrics

    func run() async throws {
        let subscription = events.subscribe()
        defer { subscription.cancel() }
        for await event in subscription.cancelOnGracefulShutdown() {
            metrics.record(event)
        }
    }
}
