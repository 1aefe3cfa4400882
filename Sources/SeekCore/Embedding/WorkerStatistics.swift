/// A live worker process as the pool sees it.
public struct WorkerStatistics: Sendable, Codable, Equatable {
    /// Its slot, 0..<workers; a replacement takes the slot of the worker it replaces.
    public var slot: Int
    public var pid: Int32
    public var state: WorkerState
    /// Last sampled resident memory, in MB.
    public var rssMB: Double
    /// Highest sampled resident memory, in MB.
    public var peakRSSMB: Double
    /// Batches it answered.
    public var batches: Int
    /// Token ids it embedded.
    public var tokens: Int
    /// Batches sent to it and not answered yet.
    public var inFlightBatches: Int
    /// Replacements in this slot so far.
    public var restarts: Int
    /// Batches that failed in this slot (crash, timeout, error answer).
    public var failures: Int

    enum CodingKeys: String, CodingKey {
        case slot, pid, state, batches, tokens, restarts, failures
        case rssMB = "rss_mb"
        case peakRSSMB = "peak_rss_mb"
        case inFlightBatches = "in_flight_batches"
    }

    public init(slot: Int, pid: Int32, state: WorkerState, rssMB: Double, peakRSSMB: Double, batches: Int, tokens: Int,
                inFlightBatches: Int, restarts: Int, failures: Int) {
        self.slot = slot
        self.pid = pid
        self.state = state
        self.rssMB = rssMB
        self.peakRSSMB = peakRSSMB
        self.batches = batches
        self.tokens = tokens
        self.inFlightBatches = inFlightBatches
        self.restarts = restarts
        self.failures = failures
    }
}
