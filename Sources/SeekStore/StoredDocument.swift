/// An indexed file's extracted text and its chunks, for `seek show`.
public struct StoredDocument: Sendable, Equatable {
    /// Absolute path of the file.
    public var path: String
    /// The document title, or the file name when the parser found none.
    public var title: String
    /// The extracted text that chunk offsets point into.
    public var text: String
    /// Parser metadata (front matter keys, PDF info...).
    public var metadata: [String: String]
    /// Chunks in ordinal order.
    public var chunks: [StoredChunk]

    public init(path: String, title: String, text: String, metadata: [String: String], chunks: [StoredChunk]) {
        self.path = path
        self.title = title
        self.text = text
        self.metadata = metadata
        self.chunks = chunks
    }
}
