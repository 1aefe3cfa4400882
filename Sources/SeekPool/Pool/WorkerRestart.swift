/// One replacement of a worker (or failed start), as recorded by the pool.
public struct WorkerRestart: Sendable, Codable, Equatable {
    /// The worker slot (0..<workers) the process served.
    public var slot: Int
    /// The process that was replaced.
    public var pid: Int32
    public var reason: RestartReason
    /// What happened: "SIGKILL", "exit 3", "no answer within 2.0 s", "RSS 240 MB + 50 MB per batch ≥ 285 MB"...
    public var detail: String
    /// Batches the process had answered.
    public var batches: Int
    /// Highest RSS sampled for the process, in MB.
    public var peakRSSMB: Double
    /// How the process ended ("exit 0", "SIGKILL"); nil while it is still finishing.
    public var exit: String?
    /// True when it was retired and exited by itself (status 0) after its input closed,
    /// without being killed.
    public var graceful: Bool

    public init(slot: Int, pid: Int32, reason: RestartReason, detail: String, batches: Int, peakRSSMB: Double,
                exit: String? = nil, graceful: Bool = false) {
        self.slot = slot
        self.pid = pid
        self.reason = reason
        self.detail = detail
        self.batches = batches
        self.peakRSSMB = peakRSSMB
        self.exit = exit
        self.graceful = graceful
    }
}
