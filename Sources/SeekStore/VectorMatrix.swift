/// Float32 embeddings of many chunks in one contiguous row-major array, for exact scans.
public struct VectorMatrix: Sendable, Equatable {
    /// Chunk id of each row, ascending.
    public var chunkIds: [Int64]
    /// `chunkIds.count × dimension` values; row `i` is `values[i * dimension ..< (i + 1) * dimension]`.
    public var values: [Float]
    /// Components per vector.
    public var dimension: Int

    /// Number of rows.
    public var count: Int { chunkIds.count }

    public init(chunkIds: [Int64], values: [Float], dimension: Int) {
        self.chunkIds = chunkIds
        self.values = values
        self.dimension = dimension
    }
}
