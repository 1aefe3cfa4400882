import SeekStore

/// BM25 keyword search over the index's FTS5 table, with any user text as the query.
public struct KeywordSearcher: Sendable {
    /// The index.
    public let reader: SearchReader
    /// How user text becomes a MATCH expression.
    public let queryBuilder: FTSQueryBuilder
    /// BM25 weight of each column.
    public let weights: KeywordColumnWeights

    public init(reader: SearchReader, queryBuilder: FTSQueryBuilder = FTSQueryBuilder(), weights: KeywordColumnWeights = KeywordColumnWeights()) {
        self.reader = reader
        self.queryBuilder = queryBuilder
        self.weights = weights
    }

    /// The best `k` chunks for `text` by BM25 (ties by chunk id) among those `allows` keeps.
    /// With a filter, the full-text query is repeated with a larger limit until `k` allowed chunks
    /// are found or no more chunks match, so a filtered search still returns `k` when `k` exist.
    public func search(_ text: String, k: Int, allows: ((Int64) -> Bool)? = nil) throws(SearchError) -> [KeywordHit] {
        guard k >= 1 else { throw .invalidQuery(reason: "k must be at least 1, not \(k)") }
        return try search(matchExpression: queryBuilder.matchExpression(for: text), k: k, allows: allows)
    }

    /// The best `k` chunks for an FTS5 MATCH expression already built (`FTSQueryBuilder`,
    /// `PseudoRelevanceFeedback.matchExpression(for:keep:)`), as `search(_:k:allows:)`.
    public func search(matchExpression expression: String, k: Int, allows: ((Int64) -> Bool)? = nil) throws(SearchError) -> [KeywordHit] {
        guard k >= 1 else { throw .invalidQuery(reason: "k must be at least 1, not \(k)") }
        guard let allows else { return try run(expression, limit: k) }
        var limit = max(4 * k, 64)
        while true {
            let hits = try run(expression, limit: limit)
            let kept = hits.filter { allows($0.chunkId) }
            if kept.count >= k || hits.count < limit { return Array(kept.prefix(k)) }
            limit *= 4
        }
    }

    private func run(_ expression: String, limit: Int) throws(SearchError) -> [KeywordHit] {
        do {
            return try reader.keywordSearch(ftsQuery: expression, limit: limit, weights: weights)
        } catch {
            throw .store(error)
        }
    }
}
