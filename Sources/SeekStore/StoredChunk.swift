/// A chunk as stored, without its vector.
public struct StoredChunk: Sendable, Equatable {
    /// Chunk id: the rowid shared by its vector, int8 code and full-text row. Never reused.
    public var id: Int64
    /// 0-based position of the chunk in its file.
    public var ordinal: Int
    /// Unicode scalar offset into the extracted text, inclusive.
    public var start: Int
    /// Unicode scalar offset into the extracted text, exclusive.
    public var end: Int
    /// 1-based page where the chunk starts, when known.
    public var page: Int?
    /// The chunk text: the extracted text between `start` and `end`.
    public var text: String
    /// Heading path of the section the chunk belongs to (sheet or slide name for spreadsheets and slides).
    public var headingPath: [String]
    /// Model tokens of the chunk, special tokens included.
    public var tokenCount: Int

    public init(id: Int64, ordinal: Int, start: Int, end: Int, page: Int?, text: String, headingPath: [String], tokenCount: Int) {
        self.id = id
        self.ordinal = ordinal
        self.start = start
        self.end = end
        self.page = page
        self.text = text
        self.headingPath = headingPath
        self.tokenCount = tokenCount
    }
}
