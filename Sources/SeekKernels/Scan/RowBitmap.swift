/// A set of rows as one bit per row (bit `r % 64` of word `r / 64`), for filters applied inside a scan.
public struct RowBitmap: Sendable, Equatable {
    /// The bits, `(rowCount + 63) / 64` words.
    public private(set) var words: [UInt64]
    /// Rows the bitmap covers: valid rows are `0..<rowCount`.
    public let rowCount: Int

    /// An empty set over `rowCount` rows.
    public init(rowCount: Int) {
        precondition(rowCount >= 0, "a bitmap needs a non-negative row count, got \(rowCount)")
        self.rowCount = rowCount
        words = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
    }

    /// Adds `row` to the set.
    public mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < rowCount, "row \(row) outside 0..<\(rowCount)")
        words[row >> 6] |= 1 << UInt64(row & 63)
    }

    /// True when `row` is in the set.
    public func contains(_ row: Int) -> Bool {
        guard row >= 0 && row < rowCount else { return false }
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// Number of rows in the set.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The rows in the set, ascending.
    public var rows: [UInt32] {
        var rows: [UInt32] = []
        rows.reserveCapacity(cardinality)
        for (index, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                rows.append(UInt32(index << 6 + remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
        return rows
    }
}
