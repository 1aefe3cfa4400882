import SeekCore

/// One line of `seek files`: a file and the outcome of its last indexing.
public struct FileListing: Sendable, Equatable {
    /// Absolute path of the file.
    public var path: String
    /// Outcome of the last indexing attempt.
    public var status: FileStatus
    /// Why the file failed or was skipped; nil for indexed files.
    public var reason: String?
    /// Chunks stored for the file.
    public var chunkCount: Int
    /// Parser that handled the file; nil when none applied.
    public var parser: String?

    public init(path: String, status: FileStatus, reason: String?, chunkCount: Int, parser: String?) {
        self.path = path
        self.status = status
        self.reason = reason
        self.chunkCount = chunkCount
        self.parser = parser
    }
}
