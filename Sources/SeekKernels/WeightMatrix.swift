/// A read-only row-major Float32 matrix (a vector when `rows` is 1): a model weight, either a view
/// into a memory-mapped file or an owned copy. Immutable, so it is shared freely between threads.
public struct WeightMatrix: @unchecked Sendable {
    /// Keeps the memory alive: the `MappedFile` or an owned buffer.
    let owner: AnyObject
    let base: UnsafePointer<Float>
    public let rows: Int
    public let columns: Int

    init(owner: AnyObject, base: UnsafePointer<Float>, rows: Int, columns: Int) {
        self.owner = owner
        self.base = base
        self.rows = rows
        self.columns = columns
    }

    /// A weight matrix owning a copy of `values` (row-major, rows × columns).
    public init(copying values: [Float], rows: Int, columns: Int) {
        precondition(values.count == rows * columns, "WeightMatrix: \(values.count) values for \(rows)×\(columns)")
        let storage = FloatMatrix(rows: rows, columns: columns)
        values.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: values.count) }
        self.init(owner: storage, base: UnsafePointer(storage.base), rows: rows, columns: columns)
    }

    /// Rows stacked on top of each other (e.g. the query, key and value projections fused into one).
    public init(stacking parts: [WeightMatrix]) {
        precondition(!parts.isEmpty, "WeightMatrix: nothing to stack")
        let columns = parts[0].columns
        precondition(parts.allSatisfy { $0.columns == columns }, "WeightMatrix: stacked parts differ in width")
        let rows = parts.reduce(0) { $0 + $1.rows }
        let storage = FloatMatrix(rows: rows, columns: columns)
        var offset = 0
        for part in parts {
            (storage.base + offset).update(from: part.base, count: part.count)
            offset += part.count
        }
        self.init(owner: storage, base: UnsafePointer(storage.base), rows: rows, columns: columns)
    }

    public var count: Int { rows * columns }

    /// The values as an array (copies; for tests and small vectors).
    public var values: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

extension WeightMatrix {
    /// max |w| of each column over all rows ([columns]).
    public func columnPeaks() -> [Float] {
        var peaks = [Float](repeating: 0, count: columns)
        for row in 0..<rows {
            let values = base + row * columns
            for column in 0..<columns { peaks[column] = max(peaks[column], abs(values[column])) }
        }
        return peaks
    }
}

extension WeightMatrix {
    /// Gives back the resident memory of a weight mapped from a file (an owned copy is left
    /// alone): after its conversion to bf16 or int8 the fp32 values are not read again, and the
    /// process keeps only the converted copy. Reading the weight afterwards still works (the
    /// pages come back from the file).
    public func releaseMappedPages() {
        guard let file = owner as? MappedFile else { return }
        file.releaseResidentPages(UnsafeRawPointer(base), byteCount: count * MemoryLayout<Float>.stride)
    }
}
