/// Every document vector of the index in one row-major matrix: row i is the normalised mean of
/// the chunk vectors of `paths[i]` (file `fileIds[i]`), rows ordered by file id.
public struct DocumentVectorMatrix: Sendable {
    public var fileIds: [Int64]
    public var paths: [String]
    /// `fileIds.count × dimension` floats.
    public var values: [Float]
    public var dimension: Int

    public var count: Int { fileIds.count }

    public init(fileIds: [Int64], paths: [String], values: [Float], dimension: Int) {
        self.fileIds = fileIds
        self.paths = paths
        self.values = values
        self.dimension = dimension
    }
}
