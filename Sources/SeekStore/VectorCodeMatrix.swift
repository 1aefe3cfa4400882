/// Int8 codes of many chunk embeddings in one contiguous row-major array, for the fast first-pass
/// scan. Row `i` approximates the embedding as `Float(codes[i * dimension + j]) * scales[i]`.
public struct VectorCodeMatrix: Sendable, Equatable {
    /// Chunk id of each row, ascending.
    public var chunkIds: [Int64]
    /// `chunkIds.count × dimension` codes.
    public var codes: [Int8]
    /// One scale per row.
    public var scales: [Float]
    /// Components per vector.
    public var dimension: Int

    /// Number of rows.
    public var count: Int { chunkIds.count }

    public init(chunkIds: [Int64], codes: [Int8], scales: [Float], dimension: Int) {
        self.chunkIds = chunkIds
        self.codes = codes
        self.scales = scales
        self.dimension = dimension
    }
}
