/// What this server process keeps warm, shown by the `status` tool under `server`:
/// {"model_loads","searcher_refreshes","uptime_s"}.
struct ServerStatistics: Sendable, Codable, Equatable {
    /// Times the engine loaded the model's weights (1 at most for the life of the process).
    var modelLoads: Int
    /// Searcher snapshots built so far (one at the first search, one after each write).
    var searcherRefreshes: Int
    var uptimeSeconds: Double

    enum CodingKeys: String, CodingKey {
        case modelLoads = "model_loads"
        case searcherRefreshes = "searcher_refreshes"
        case uptimeSeconds = "uptime_s"
    }
}
