import SeekCore

/// What the index remembers of a file: enough to decide whether it must be indexed again.
public struct FileState: Sendable, Equatable {
    /// File size in bytes when it was recorded.
    public var size: Int64
    /// Modification time in seconds since 1970 when it was recorded.
    public var mtime: Double
    /// SHA-256 of the contents (lowercase hex); nil when the file could not be read.
    public var contentHash: String?
    /// Parser that handled the file; nil when none applied.
    public var parser: String?
    /// Version of that parser: a newer one means the file must be indexed again.
    public var parserVersion: String?
    /// Outcome of the last indexing attempt.
    public var status: FileStatus
    /// Why the file failed or was skipped; nil for an indexed file.
    public var reason: String?
    /// Chunks stored for the file (0 unless `status == .indexed`).
    public var chunkCount: Int
    /// Status-change time, device and inode when recorded; nil for rows written before schema v4.
    public var identity: FileIdentityStamp?

    public init(size: Int64, mtime: Double, contentHash: String?, parser: String?, parserVersion: String?, status: FileStatus, chunkCount: Int,
                reason: String? = nil, identity: FileIdentityStamp? = nil) {
        self.reason = reason
        self.identity = identity
        self.size = size
        self.mtime = mtime
        self.contentHash = contentHash
        self.parser = parser
        self.parserVersion = parserVersion
        self.status = status
        self.chunkCount = chunkCount
    }
}
