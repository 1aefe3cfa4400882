/// A chunk cut from an extracted document, ready to embed and store.
public struct ChunkDraft: Sendable, Equatable {
    /// 0-based position of the chunk in its file.
    public var ordinal: Int
    /// The chunk text: exactly `document.text[start..<end]` in Unicode scalars.
    public var text: String
    /// Unicode scalar offset into the extracted text, inclusive.
    public var start: Int
    /// Unicode scalar offset into the extracted text, exclusive.
    public var end: Int
    /// 1-based page where the chunk starts, when known.
    public var page: Int?
    /// Heading path of the segment the chunk belongs to.
    public var headingPath: [String]
    /// Model input ids: `[CLS]`, the tokens of `text`, `[SEP]`; never more than the model's
    /// `maxTokens`. Empty for a chunk read back from an index (`init(...tokenCount:...)`): stores
    /// keep the count, not the ids, and such a chunk already has its vector.
    public var tokenIds: [Int32]
    /// SHA-256 of `text` (lowercase hex): the embedding cache key.
    public var textHash: String

    /// Tokens the model reads for this chunk, special tokens included.
    public var tokenCount: Int

    public init(ordinal: Int, text: String, start: Int, end: Int, page: Int?, headingPath: [String], tokenIds: [Int32], textHash: String) {
        self.ordinal = ordinal
        self.text = text
        self.start = start
        self.end = end
        self.page = page
        self.headingPath = headingPath
        self.tokenIds = tokenIds
        self.tokenCount = tokenIds.count
        self.textHash = textHash
    }

    /// A chunk as an index stored it (for copying an index between stores): its token count
    /// without the ids.
    public init(ordinal: Int, text: String, start: Int, end: Int, page: Int?, headingPath: [String], tokenCount: Int, textHash: String) {
        self.init(ordinal: ordinal, text: text, start: start, end: end, page: page, headingPath: headingPath, tokenIds: [], textHash: textHash)
        self.tokenCount = tokenCount
    }
}
