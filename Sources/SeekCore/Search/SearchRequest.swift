/// One query.
public struct SearchRequest: Sendable, Equatable, Codable {
    /// The user's text.
    public var query: String
    /// Retrievers to use. Default hybrid.
    public var mode: SearchMode
    /// Number of results (files). Default 10.
    public var k: Int
    /// Which files may appear. Default: all.
    public var filter: SearchFilter

    public init(query: String, mode: SearchMode = .hybrid, k: Int = 10, filter: SearchFilter = SearchFilter()) {
        self.query = query
        self.mode = mode
        self.k = k
        self.filter = filter
    }
}
