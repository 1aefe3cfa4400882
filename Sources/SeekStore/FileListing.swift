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
    /// The character encoding the parser detected (the document's `metadata["encoding"]`: text,
    /// Markdown, HTML, CSV); nil for other formats and for files without a document.
    public var encoding: String?

    public init(path: String, status: FileStatus, reason: String?, chunkCount: Int, parser: String?, encoding: String? = nil) {
        self.path = path
        self.status = status
        self.reason = reason
        self.chunkCount = chunkCount
        self.parser = parser
        self.encoding = encoding
    }
}
