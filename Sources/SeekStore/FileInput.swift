/// What the indexing pipeline knows about a file on disk when it records it.
public struct FileInput: Sendable, Equatable {
    /// Absolute path of the file; the key of the file in the index.
    public var path: String
    /// Path of the root the file was found under; it must have been added with `IndexWriter.addRoot`.
    public var rootPath: String
    /// File size in bytes.
    public var size: Int64
    /// Modification time in seconds since 1970.
    public var mtime: Double
    /// SHA-256 of the file contents (lowercase hex); nil only when the file could not be read.
    public var contentHash: String?
    /// Name of the parser that handled the file; nil when none applies (e.g. a skipped file).
    public var parser: String?
    /// Version of that parser: a change re-indexes the file.
    public var parserVersion: String?
    /// Status-change time, device and inode (`FileIdentityStamp`); nil when unknown.
    public var identity: FileIdentityStamp?

    public init(path: String, rootPath: String, size: Int64, mtime: Double, contentHash: String?, parser: String?, parserVersion: String?,
                identity: FileIdentityStamp? = nil) {
        self.path = path
        self.rootPath = rootPath
        self.size = size
        self.mtime = mtime
        self.contentHash = contentHash
        self.parser = parser
        self.parserVersion = parserVersion
        self.identity = identity
    }
}
