/// An agent's memory: a Markdown file with front matter under `<index>/memories/`, a root of
/// the index, so it is searched like any other file (`MemoryService`).
/// JSON: {"id","path","title","tags","created","source","chunks"}.
public struct Memory: Sendable, Codable, Equatable {
    /// `mem-YYYYMMDD-HHMMSS-xxxxxx` (UTC time of creation and 6 random hex digits); the file is `<id>.md`.
    public var id: String
    /// Absolute path of the memory's file.
    public var path: String
    public var title: String
    public var tags: [String]
    /// Creation time, ISO 8601 in UTC.
    public var created: String
    /// Who wrote it ("mcp" for the MCP server's `remember`).
    public var source: String
    /// Chunks indexed for it (0 while it is not indexed).
    public var chunks: Int

    public init(id: String, path: String, title: String, tags: [String], created: String, source: String, chunks: Int) {
        self.id = id
        self.path = path
        self.title = title
        self.tags = tags
        self.created = created
        self.source = source
        self.chunks = chunks
    }
}
