import SeekCore

/// Percentiles and mean of measured latencies, in milliseconds.
public struct LatencySummary: Sendable, Codable, Equatable {
    /// Measurements summarised.
    public var count: Int
    public var p50Milliseconds: Double
    public var p95Milliseconds: Double
    public var meanMilliseconds: Double

    public init(count: Int, p50Milliseconds: Double, p95Milliseconds: Double, meanMilliseconds: Double) {
        self.count = count
        self.p50Milliseconds = p50Milliseconds
        self.p95Milliseconds = p95Milliseconds
        self.meanMilliseconds = meanMilliseconds
    }

    /// The nearest-rank p50 and p95 and the mean of `milliseconds`; NaN for each when empty.
    public init(milliseconds: [Double]) {
        self.init(
            count: milliseconds.count,
            p50Milliseconds: Percentile.nearestRank(milliseconds, 0.5) ?? .nan,
            p95Milliseconds: Percentile.nearestRank(milliseconds, 0.95) ?? .nan,
            meanMilliseconds: milliseconds.isEmpty ? .nan : milliseconds.reduce(0, +) / Double(milliseconds.count))
    }

    enum CodingKeys: String, CodingKey {
        case count
        case p50Milliseconds = "p50_ms"
        case p95Milliseconds = "p95_ms"
        case meanMilliseconds = "mean_ms"
    }
}
