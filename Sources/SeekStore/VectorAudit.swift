/// What a pass over every stored Float32 vector found (`DiagnosticsReader.auditVectors`).
public struct VectorAudit: Sendable, Equatable {
    /// Vectors read.
    public var vectorCount: Int
    /// Vectors whose BLOB is not `4 × dimension` bytes.
    public var wrongSizeCount: Int
    /// The first chunk ids of those, ascending.
    public var wrongSizeChunkIds: [Int64]
    /// Vectors of the right size whose norm is not 1 within the tolerance (non-finite ones included).
    public var nonUnitCount: Int
    /// The first chunk ids of those, ascending.
    public var nonUnitChunkIds: [Int64]

    /// True when every vector has the model's dimension and unit length.
    public var isClean: Bool { wrongSizeCount == 0 && nonUnitCount == 0 }

    public init(vectorCount: Int, wrongSizeCount: Int, wrongSizeChunkIds: [Int64], nonUnitCount: Int, nonUnitChunkIds: [Int64]) {
        self.vectorCount = vectorCount
        self.wrongSizeCount = wrongSizeCount
        self.wrongSizeChunkIds = wrongSizeChunkIds
        self.nonUnitCount = nonUnitCount
        self.nonUnitChunkIds = nonUnitChunkIds
    }
}
