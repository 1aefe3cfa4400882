/// The rows of a matrix a scan visits. Filters are applied inside the scan, so a filtered top-k
/// query still returns k rows whenever k rows pass the filter.
public enum RowSelection: Sendable, Equatable {
    /// Every row.
    case all
    /// The rows whose bit is set (dense filters). The bitmap must cover the matrix's rows.
    case bitmap(RowBitmap)
    /// The listed rows, strictly ascending (sparse filters, candidate lists).
    case rows([UInt32])

    /// Picks the cheaper form for a filter that keeps `rows` (ascending) of `rowCount`:
    /// a row list when it keeps under 1/16 of the rows, else a bitmap.
    public static func filter(rows: [UInt32], rowCount: Int) -> RowSelection {
        if rows.count * 16 < rowCount { return .rows(rows) }
        var bitmap = RowBitmap(rowCount: rowCount)
        for row in rows { bitmap.insert(Int(row)) }
        return .bitmap(bitmap)
    }

    /// Number of rows visited in a matrix of `rowCount` rows.
    public func count(rowCount: Int) -> Int {
        switch self {
        case .all: rowCount
        case .bitmap(let bitmap): bitmap.cardinality
        case .rows(let rows): rows.count
        }
    }
}
