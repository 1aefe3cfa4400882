/// The answer to a `SearchRequest`. JSON: {"query","mode","took_ms","results":[...]}.
public struct SearchResponse: Sendable, Equatable, Codable {
    /// The query text as given.
    public var query: String
    /// The mode used.
    public var mode: SearchMode
    /// Wall time of the search in milliseconds, embedding and hydration included.
    public var tookMilliseconds: Double
    /// Best first; at most k.
    public var results: [SearchResult]

    enum CodingKeys: String, CodingKey {
        case query, mode, results
        case tookMilliseconds = "took_ms"
    }

    public init(query: String, mode: SearchMode, tookMilliseconds: Double, results: [SearchResult]) {
        self.query = query
        self.mode = mode
        self.tookMilliseconds = tookMilliseconds
        self.results = results
    }
}
