/// The stage that runs after first-stage retrieval and fusion (`--rerank`, config `search.rerank`).
public enum RerankMode: String, Sendable, Equatable, Codable, CaseIterable {
    /// The first-stage ranking is the answer.
    case none
    /// Pseudo-relevance feedback: the first stage's top documents expand the keyword query (RM3)
    /// and move the query vector (Rocchio), then retrieval and fusion run again
    /// (see `PseudoRelevanceFeedback`).
    case prf
    /// A cross-encoder scores (query, best chunk) of the first stage's top `rerankDepth` files; the
    /// new order fuses the first-stage rank with the cross-encoder's (see `Searcher`).
    case crossEncoder = "cross-encoder"
}
