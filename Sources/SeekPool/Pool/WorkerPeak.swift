/// The highest resident memory sampled for one worker process over its life.
public struct WorkerPeak: Sendable, Codable, Equatable {
    public var pid: Int32
    /// Highest sampled RSS, in MB (2^20 bytes); 0 when it ended before any sample.
    public var peakRSSMB: Double

    enum CodingKeys: String, CodingKey {
        case pid
        case peakRSSMB = "peak_rss_mb"
    }

    public init(pid: Int32, peakRSSMB: Double) {
        self.pid = pid
        self.peakRSSMB = peakRSSMB
    }
}
