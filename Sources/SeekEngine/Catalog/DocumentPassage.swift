/// One chunk of an indexed file with its neighbours (`CatalogService.passage`, the MCP
/// `get_document` tool with a chunk). JSON: {"path","title","chunk","chunk_count","start","end","text","chunks":[...]}.
public struct DocumentPassage: Sendable, Codable, Equatable {
    public var path: String
    public var title: String
    /// The chunk asked for (0-based ordinal).
    public var chunk: Int
    /// Chunks the file has.
    public var chunkCount: Int
    /// Unicode scalar offsets of `text` in the file's extracted text: the first chunk's start,
    /// the last chunk's end.
    public var start: Int
    public var end: Int
    /// The extracted text from the first to the last chunk of the passage (overlaps counted once).
    public var text: String
    /// The passage's chunks in order: the one asked for and up to `contextChunks` on each side.
    public var chunks: [ShownDocument.Chunk]

    enum CodingKeys: String, CodingKey {
        case path, title, chunk, start, end, text, chunks
        case chunkCount = "chunk_count"
    }

    public init(path: String, title: String, chunk: Int, chunkCount: Int, start: Int, end: Int, text: String,
                chunks: [ShownDocument.Chunk]) {
        self.path = path
        self.title = title
        self.chunk = chunk
        self.chunkCount = chunkCount
        self.start = start
        self.end = end
        self.text = text
        self.chunks = chunks
    }
}
