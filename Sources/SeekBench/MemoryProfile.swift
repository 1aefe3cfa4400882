/// `seek profile memory`: the resident memory of this process after each step of getting ready to
/// search, and after some searches. RSS is what `ProcessMemory` reads from the kernel: SQLite's
/// memory-mapped pages count once they are touched, so reading the index inflates it.
public struct MemoryProfile: Sendable, Codable, Equatable {
    /// One step: the RSS after it and the change from the step before (0 for the baseline).
    public struct Step: Sendable, Codable, Equatable {
        public var step: String
        public var rssMB: Double
        public var deltaMB: Double

        public init(step: String, rssMB: Double, deltaMB: Double) {
            self.step = step
            self.rssMB = rssMB
            self.deltaMB = deltaMB
        }

        enum CodingKeys: String, CodingKey {
            case step
            case rssMB = "rss_mb"
            case deltaMB = "delta_mb"
        }
    }

    public var steps: [Step]
    /// Hybrid searches run in the last step, and their mean latency.
    public var searches: Int
    public var meanSearchMilliseconds: Double
    /// Chunks whose vectors were loaded.
    public var chunks: Int
    /// The highest RSS of the process so far.
    public var peakRSSMB: Double

    public init(steps: [Step], searches: Int, meanSearchMilliseconds: Double, chunks: Int, peakRSSMB: Double) {
        self.steps = steps
        self.searches = searches
        self.meanSearchMilliseconds = meanSearchMilliseconds
        self.chunks = chunks
        self.peakRSSMB = peakRSSMB
    }

    enum CodingKeys: String, CodingKey {
        case steps, searches, chunks
        case meanSearchMilliseconds = "mean_search_ms"
        case peakRSSMB = "peak_rss_mb"
    }
}
