/// `seek related PATH`: the most similar files by document vector, each marked when a link
/// already joins the two (either way). JSON: {"path","results":[{"path","title","score","chunks","linked"}],"took_ms"}.
public struct RelatedNotes: Sendable, Codable, Equatable {
    public struct Note: Sendable, Codable, Equatable {
        public var path: String
        public var title: String
        public var score: Double
        public var chunks: Int
        /// True when either file links to the other.
        public var linked: Bool

        public init(path: String, title: String, score: Double, chunks: Int, linked: Bool) {
            self.path = path
            self.title = title
            self.score = score
            self.chunks = chunks
            self.linked = linked
        }
    }

    public var path: String
    public var results: [Note]
    public var tookMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case path, results
        case tookMilliseconds = "took_ms"
    }

    public init(path: String, results: [Note], tookMilliseconds: Double) {
        self.path = path
        self.results = results
        self.tookMilliseconds = tookMilliseconds
    }
}
