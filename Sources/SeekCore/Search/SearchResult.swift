/// One result: a file, shown through its best chunk.
///
/// JSON: {"path","title","score","page","snippet","chunk":{"ordinal","start","end"},"found_by"};
/// `page` is null when unknown. The chunk id, snippet highlights and the file's other matching
/// chunks are for Swift callers (the CLI colours the highlights) and are not encoded.
public struct SearchResult: Sendable, Equatable, Codable {
    /// Path of the file.
    public var path: String
    /// Document title, or the file name.
    public var title: String
    /// The best chunk's score in the mode's scale: cosine (vector), BM25 (keyword), RRF (hybrid).
    public var score: Double
    /// 1-based page of the best chunk, when known.
    public var page: Int?
    /// Excerpt of the best chunk around the query's words.
    public var snippet: String
    /// The best chunk's place in the file.
    public var chunk: ChunkLocation
    /// Retrievers that found a chunk of this file.
    public var foundBy: [Retriever]
    /// Chunk id of the best chunk.
    public var chunkId: Int64 = 0
    /// The query's words in `snippet`.
    public var highlights: [HighlightRange] = []
    /// The file's other matching chunks, best first.
    public var otherChunks: [RankedChunk] = []

    enum CodingKeys: String, CodingKey {
        case path, title, score, page, snippet, chunk
        case foundBy = "found_by"
    }

    public init(
        path: String, title: String, score: Double, page: Int?, snippet: String, chunk: ChunkLocation, foundBy: [Retriever],
        chunkId: Int64, highlights: [HighlightRange], otherChunks: [RankedChunk]
    ) {
        self.path = path
        self.title = title
        self.score = score
        self.page = page
        self.snippet = snippet
        self.chunk = chunk
        self.foundBy = foundBy
        self.chunkId = chunkId
        self.highlights = highlights
        self.otherChunks = otherChunks
    }

    /// Encodes every key, `page` as null when unknown.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(title, forKey: .title)
        try container.encode(score, forKey: .score)
        try container.encode(page, forKey: .page)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(chunk, forKey: .chunk)
        try container.encode(foundBy, forKey: .foundBy)
    }
}
