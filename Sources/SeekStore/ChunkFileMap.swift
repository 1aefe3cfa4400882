/// Which file every chunk belongs to, with what search filters need of each file (path,
/// extension, modification time): loaded once next to the vector matrix, so filters and the
/// grouping of hits per file need no SQL per query.
public struct ChunkFileMap: Sendable, Equatable {
    /// A file that has chunks.
    public struct File: Sendable, Equatable {
        /// Row id of the file in the index.
        public var id: Int64
        /// Absolute path.
        public var path: String
        /// Lowercased extension without the dot ("md"); empty when the name has none.
        public var fileExtension: String
        /// Modification time in seconds since 1970.
        public var mtime: Double

        public init(id: Int64, path: String, fileExtension: String, mtime: Double) {
            self.id = id
            self.path = path
            self.fileExtension = fileExtension
            self.mtime = mtime
        }
    }

    /// Files with at least one chunk, ascending id.
    public var files: [File]
    /// Every chunk id, ascending.
    public var chunkIds: [Int64]
    /// For each chunk (same order as `chunkIds`), the index of its file in `files`.
    public var fileIndexes: [Int32]

    public init(files: [File], chunkIds: [Int64], fileIndexes: [Int32]) {
        self.files = files
        self.chunkIds = chunkIds
        self.fileIndexes = fileIndexes
    }
}
