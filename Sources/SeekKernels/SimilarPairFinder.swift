/// All pairs of rows of a matrix of unit vectors whose dot product reaches a threshold, best
/// first: the upper triangle of V·Vᵀ computed block by block with `GEMM.multiplyTransposed`
/// (sgemm), so 10,000 rows of 384 floats are compared in seconds with memory for one
/// `blockRows × blockRows` block of scores.
public struct SimilarPairFinder: Sendable {
    /// Rows per block (and columns of the score block). Default 1,024 (4 MB of scores).
    public var blockRows: Int

    public init(blockRows: Int = 1024) {
        precondition(blockRows > 0, "SimilarPairFinder: blockRows must be positive")
        self.blockRows = blockRows
    }

    /// The best `limit` pairs (i < j) with `values[i] · values[j] >= threshold` that `excluding`
    /// does not reject, best first (ties by rows). `values` holds `count × dimension` floats, row-major.
    public func pairs(values: [Float], count: Int, dimension: Int, threshold: Float, limit: Int,
                      excluding: (Int, Int) -> Bool) -> [SimilarPair] {
        precondition(count >= 0 && dimension > 0 && values.count == count * dimension, "SimilarPairFinder: values do not hold \(count) × \(dimension) floats")
        guard count > 1, limit > 0 else { return [] }
        let matrix = FloatMatrix(rows: count, columns: dimension)
        values.withUnsafeBufferPointer { matrix.base.update(from: $0.baseAddress!, count: values.count) }
        let side = min(blockRows, count)
        let scores = FloatMatrix(rows: side, columns: side)
        var kept: [SimilarPair] = []
        var floor = threshold
        for rowStart in stride(from: 0, to: count, by: side) {
            let rowEnd = min(rowStart + side, count)
            for columnStart in stride(from: rowStart, to: count, by: side) {
                let columnEnd = min(columnStart + side, count)
                let output = scores.block(rows: 0..<(rowEnd - rowStart), columns: 0..<(columnEnd - columnStart))
                GEMM.multiplyTransposed(matrix.block(rows: rowStart..<rowEnd), matrix.block(rows: columnStart..<columnEnd), alpha: 1, into: output)
                for row in rowStart..<rowEnd {
                    let scoreRow = scores.base + (row - rowStart) * side
                    let firstColumn = max(columnStart, row + 1)
                    guard firstColumn < columnEnd else { continue }
                    for column in firstColumn..<columnEnd {
                        let score = scoreRow[column - columnStart]
                        guard score >= floor, !excluding(row, column) else { continue }
                        kept.append(SimilarPair(first: row, second: column, score: score))
                    }
                    if kept.count >= 4 * limit + 1024 {
                        kept.sort(by: SimilarPair.ranksBefore)
                        kept.removeLast(kept.count - limit)
                        floor = max(floor, kept[limit - 1].score)
                    }
                }
            }
        }
        kept.sort(by: SimilarPair.ranksBefore)
        return Array(kept.prefix(limit))
    }
}
