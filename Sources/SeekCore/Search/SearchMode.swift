/// Which retrievers answer a query.
public enum SearchMode: String, Sendable, Codable, CaseIterable {
    /// Vector and keyword results fused by reciprocal rank fusion (the default).
    case hybrid
    /// Embedding similarity only.
    case vector
    /// BM25 keyword search only.
    case keyword
}
