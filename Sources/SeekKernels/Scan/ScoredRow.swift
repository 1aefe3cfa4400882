/// One row of a scanned matrix with its score.
public struct ScoredRow: Sendable, Equatable, Hashable {
    /// 0-based row index in the scanned matrix.
    public var row: Int
    /// The row's score against the query (a dot product, exact or approximate).
    public var score: Float

    public init(row: Int, score: Float) {
        self.row = row
        self.score = score
    }

    /// The scan order: higher score first; equal scores: lower row first.
    public static func ranksBefore(_ lhs: ScoredRow, _ rhs: ScoredRow) -> Bool {
        lhs.score > rhs.score || (lhs.score == rhs.score && lhs.row < rhs.row)
    }
}
