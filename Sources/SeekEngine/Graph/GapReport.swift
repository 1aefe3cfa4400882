/// `seek gaps` and the MCP `gaps` tool: pairs of similar documents that no link joins, best
/// first, each with the two chunks that match best as the reason.
/// JSON: {"threshold","documents","pairs":[{"first","second","score","reason":{"first_chunk","second_chunk","score"}}],"took_ms"}.
public struct GapReport: Sendable, Codable, Equatable {
    /// Why two documents look related: their closest chunks.
    public struct Reason: Sendable, Codable, Equatable {
        /// Text of the first document's best chunk (collapsed, shortened).
        public var firstChunk: String
        public var secondChunk: String
        /// Cosine of the two chunks.
        public var score: Double

        enum CodingKeys: String, CodingKey {
            case firstChunk = "first_chunk"
            case secondChunk = "second_chunk"
            case score
        }

        public init(firstChunk: String, secondChunk: String, score: Double) {
            self.firstChunk = firstChunk
            self.secondChunk = secondChunk
            self.score = score
        }
    }

    public struct Pair: Sendable, Codable, Equatable {
        /// The pair's paths, the smaller file id first.
        public var first: String
        public var second: String
        /// Cosine of the two document vectors.
        public var score: Double
        public var reason: Reason?

        public init(first: String, second: String, score: Double, reason: Reason?) {
            self.first = first
            self.second = second
            self.score = score
            self.reason = reason
        }
    }

    public var threshold: Double
    /// Documents compared.
    public var documents: Int
    public var pairs: [Pair]
    public var tookMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case threshold, documents, pairs
        case tookMilliseconds = "took_ms"
    }

    public init(threshold: Double, documents: Int, pairs: [Pair], tookMilliseconds: Double) {
        self.threshold = threshold
        self.documents = documents
        self.pairs = pairs
        self.tookMilliseconds = tookMilliseconds
    }
}
