/// The answer to a `SearchRequest`. JSON: {"query","mode","took_ms","results":[...],"warnings":[...]}.
public struct SearchResponse: Sendable, Equatable, Codable {
    /// The query text as given.
    public var query: String
    /// The mode used.
    public var mode: SearchMode
    /// Wall time of the search in milliseconds, embedding and hydration included.
    public var tookMilliseconds: Double
    /// Best first; at most k.
    public var results: [SearchResult]
    /// Why a filter can match nothing (a type no file has, a path outside the roots, an empty
    /// date range); empty when there is nothing to say.
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case query, mode, results, warnings
        case tookMilliseconds = "took_ms"
    }

    public init(query: String, mode: SearchMode, tookMilliseconds: Double, results: [SearchResult], warnings: [String] = []) {
        self.query = query
        self.mode = mode
        self.tookMilliseconds = tookMilliseconds
        self.results = results
        self.warnings = warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        mode = try container.decode(SearchMode.self, forKey: .mode)
        tookMilliseconds = try container.decode(Double.self, forKey: .tookMilliseconds)
        results = try container.decode([SearchResult].self, forKey: .results)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }
}
