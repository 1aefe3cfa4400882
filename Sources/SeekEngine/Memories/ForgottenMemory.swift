/// A memory deleted by `MemoryService.forget`: its file and its rows are gone.
/// JSON: {"id","path","title","chunks_removed"}.
public struct ForgottenMemory: Sendable, Codable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    /// Chunks its rows held.
    public var chunksRemoved: Int

    enum CodingKeys: String, CodingKey {
        case id, path, title
        case chunksRemoved = "chunks_removed"
    }

    public init(id: String, path: String, title: String, chunksRemoved: Int) {
        self.id = id
        self.path = path
        self.title = title
        self.chunksRemoved = chunksRemoved
    }
}
