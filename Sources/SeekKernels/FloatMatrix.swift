#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A row-major Float32 matrix owning 64-byte aligned, zero-initialised memory: the encoder's
/// workspace. Not thread-safe: one owner (one encoder lane) writes it at a time.
public final class FloatMatrix {
    /// Number of rows allocated.
    public let rows: Int
    /// Number of Float32 values per row (also the row stride).
    public let columns: Int
    let base: UnsafeMutablePointer<Float>

    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns > 0, "FloatMatrix: invalid shape \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        let bytes = max(rows * columns, 1) * MemoryLayout<Float>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        base = raw.bindMemory(to: Float.self, capacity: max(rows * columns, 1))
    }

    deinit { base.deallocate() }

    public subscript(row: Int, column: Int) -> Float {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "FloatMatrix index out of range")
            return base[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "FloatMatrix index out of range")
            base[row * columns + column] = newValue
        }
    }

    /// A copy of one row.
    public func row(_ row: Int) -> [Float] {
        precondition(row >= 0 && row < rows, "FloatMatrix row \(row) out of range 0..<\(rows)")
        return Array(UnsafeBufferPointer(start: base + row * columns, count: columns))
    }

    /// A rectangular view of this matrix; the whole width when `columns` is nil.
    public func block(rows rowRange: Range<Int>, columns columnRange: Range<Int>? = nil) -> MatrixBlock {
        MatrixBlock(matrix: self, rows: rowRange, columns: columnRange ?? 0..<columns)
    }

    /// Sets row `row` to the sum of the given rows of weight matrices of the same width
    /// (the BERT embedding sum: word + position + token type).
    public func setRow(_ row: Int, toSumOf terms: [(matrix: WeightMatrix, row: Int)]) {
        precondition(row >= 0 && row < rows, "FloatMatrix row \(row) out of range 0..<\(rows)")
        let target = base + row * columns
        target.initialize(repeating: 0, count: columns)
        for term in terms {
            precondition(term.matrix.columns == columns, "setRow: width \(term.matrix.columns) ≠ \(columns)")
            precondition(term.row >= 0 && term.row < term.matrix.rows, "setRow: row \(term.row) out of range")
            let source = term.matrix.base + term.row * columns
            for c in 0..<columns { target[c] += source[c] }
        }
    }

    /// Mean of rows `range`, as a new vector.
    public func meanOfRows(_ range: Range<Int>) -> [Float] {
        precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= rows, "meanOfRows: bad range \(range)")
        var sum = [Float](repeating: 0, count: columns)
        sum.withUnsafeMutableBufferPointer { acc in
            for r in range {
                let source = base + r * columns
                for c in 0..<columns { acc[c] += source[c] }
            }
            let scale = 1 / Float(range.count)
            for c in 0..<columns { acc[c] *= scale }
        }
        return sum
    }
}
