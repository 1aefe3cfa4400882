/// A rectangular, bounds-checked view into a `FloatMatrix`: rows `rows`, columns `columns`.
/// Kernels read and write through blocks, so callers never handle pointers.
public struct MatrixBlock {
    public let matrix: FloatMatrix
    public let rows: Range<Int>
    public let columns: Range<Int>

    public init(matrix: FloatMatrix, rows: Range<Int>, columns: Range<Int>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= matrix.rows, "MatrixBlock rows \(rows) outside 0..<\(matrix.rows)")
        precondition(columns.lowerBound >= 0 && columns.upperBound <= matrix.columns,
                     "MatrixBlock columns \(columns) outside 0..<\(matrix.columns)")
        self.matrix = matrix
        self.rows = rows
        self.columns = columns
    }

    public var rowCount: Int { rows.count }
    public var columnCount: Int { columns.count }
    /// Distance in floats between consecutive rows.
    var stride: Int { matrix.columns }
    var pointer: UnsafeMutablePointer<Float> { matrix.base + rows.lowerBound * matrix.columns + columns.lowerBound }
}

extension MatrixBlock {
    /// max |x| of each column over the block's rows ([columnCount]).
    public func columnPeaks() -> [Float] {
        var peaks = [Float](repeating: 0, count: columnCount)
        let base = pointer, stride = self.stride
        for row in 0..<rowCount {
            let values = base + row * stride
            for column in 0..<columnCount { peaks[column] = max(peaks[column], abs(values[column])) }
        }
        return peaks
    }
}
