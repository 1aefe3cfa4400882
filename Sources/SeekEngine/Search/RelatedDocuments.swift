/// The files most similar to one indexed file (`SearchService.related`: `seek related` and the
/// MCP `related` tool), each marked when a link already joins the two (either way).
/// JSON: {"path","took_ms","results":[{"path","title","score","chunks","linked"}]}.
public struct RelatedDocuments: Sendable, Codable, Equatable {
    /// One similar file.
    public struct Document: Sendable, Codable, Equatable {
        public var path: String
        /// Document title, or the file name.
        public var title: String
        /// Cosine of the two files' mean chunk vectors; higher is closer.
        public var score: Double
        /// Chunks of the file.
        public var chunks: Int
        /// True when either file links to the other (a wiki link or Markdown link).
        public var linked: Bool

        public init(path: String, title: String, score: Double, chunks: Int, linked: Bool) {
            self.path = path
            self.title = title
            self.score = score
            self.chunks = chunks
            self.linked = linked
        }
    }

    /// The file the others are compared with (absolute).
    public var path: String
    /// Best first, the file itself left out; at most k.
    public var results: [Document]
    /// Wall time of the call in milliseconds.
    public var tookMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case path, results
        case tookMilliseconds = "took_ms"
    }

    public init(path: String, results: [Document], tookMilliseconds: Double) {
        self.path = path
        self.results = results
        self.tookMilliseconds = tookMilliseconds
    }
}
