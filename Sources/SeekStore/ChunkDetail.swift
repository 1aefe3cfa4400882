/// Everything a search hit shows about a chunk (hydration of a chunk id).
public struct ChunkDetail: Sendable, Equatable {
    /// Chunk id (rowid of the chunk, its vector, code and full-text row).
    public var chunkId: Int64
    /// Path of the file the chunk comes from.
    public var path: String
    /// Document title, or the file name when the parser found none.
    public var title: String
    /// The chunk text.
    public var text: String
    /// 0-based position of the chunk in its file.
    public var ordinal: Int
    /// Unicode scalar offset into the extracted text, inclusive.
    public var start: Int
    /// Unicode scalar offset into the extracted text, exclusive.
    public var end: Int
    /// 1-based page where the chunk starts, when known.
    public var page: Int?
    /// Heading path of the section the chunk belongs to.
    public var headingPath: [String]
    /// File modification time in seconds since 1970.
    public var fileMtime: Double
    /// Lowercased file extension without the dot ("md", "pdf"); empty when the name has none.
    public var fileExtension: String

    public init(
        chunkId: Int64, path: String, title: String, text: String, ordinal: Int, start: Int, end: Int,
        page: Int?, headingPath: [String], fileMtime: Double, fileExtension: String
    ) {
        self.chunkId = chunkId
        self.path = path
        self.title = title
        self.text = text
        self.ordinal = ordinal
        self.start = start
        self.end = end
        self.page = page
        self.headingPath = headingPath
        self.fileMtime = fileMtime
        self.fileExtension = fileExtension
    }
}
