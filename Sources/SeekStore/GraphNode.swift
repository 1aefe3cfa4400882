/// One file of the index as a node of the knowledge graph.
public struct GraphNode: Sendable, Equatable {
    public var fileId: Int64
    public var path: String
    /// The stored title (the file name when the document has none); nil for unindexed files.
    public var title: String?
    public var chunks: Int
    /// `indexed`, `failed` or `skipped`.
    public var status: String

    public init(fileId: Int64, path: String, title: String?, chunks: Int, status: String) {
        self.fileId = fileId
        self.path = path
        self.title = title
        self.chunks = chunks
        self.status = status
    }
}
