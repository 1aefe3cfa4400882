/// A first-stage retriever whose hits are fused.
public enum Retriever: String, Sendable, Codable, CaseIterable, Comparable {
    /// Embedding similarity (`VectorIndex`).
    case vector
    /// BM25 over the full-text index (`KeywordSearcher`).
    case keyword

    public static func < (lhs: Retriever, rhs: Retriever) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
