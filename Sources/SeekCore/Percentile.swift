/// Percentiles of measured values (latencies).
public enum Percentile {
    /// The nearest-rank percentile of `values` (`fraction` in 0...1); nil when `values` is empty.
    public static func nearestRank(_ values: [Double], _ fraction: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The median of `values`: the middle value, or the mean of the two middle ones for an even
    /// count; nil when `values` is empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
