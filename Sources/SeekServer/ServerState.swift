import SeekEngine

/// What a client sees first on /api/events (event `state`), so one that connects or reconnects
/// during a run knows where things stand before the next event: the index's status (with the
/// live progress of a run), the run going on and the queued ones, and whether the watcher runs.
struct ServerState: Encodable {
    var status: IndexStatus?
    var running: IndexRunID?
    var queued: [IndexRunID]
    var watching: Bool
    var version: String
}
