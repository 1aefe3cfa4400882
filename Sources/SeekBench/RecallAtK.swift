/// Recall@k of an approximate nearest-neighbour search against the exact answer: the share of
/// the exact top k that the approximate top k found (order does not matter).
public enum RecallAtK {
    /// |approximate[..<k] ∩ exact[..<k]| / |exact[..<k]|; 1 when the exact answer is empty.
    public static func recall<ID: Hashable>(approximate: [ID], exact: [ID], k: Int) -> Double {
        let truth = Set(exact.prefix(max(0, k)))
        guard !truth.isEmpty else { return 1 }
        let found = Set(approximate.prefix(max(0, k))).intersection(truth)
        return Double(found.count) / Double(truth.count)
    }

    /// The mean of per-query recalls, NaN when there are none.
    public static func mean(_ recalls: [Double]) -> Double {
        recalls.isEmpty ? .nan : recalls.reduce(0, +) / Double(recalls.count)
    }
}
