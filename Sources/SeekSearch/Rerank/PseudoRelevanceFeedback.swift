import Foundation

/// Pseudo-relevance feedback (`--rerank prf`): the first stage's top `feedbackDocuments` files are
/// assumed relevant; they expand the keyword query (RM3) and move the query vector (Rocchio), and
/// retrieval and fusion then run again with the new queries. No model beyond the embedder.
///
/// **Keyword side (RM3).** Each feedback document d is the text of its best chunk, split into
/// words like a query (`FTSQueryBuilder.words(in:)`); stopwords, one-character words and words
/// without a letter are dropped. With `c(t, d)` the count of t in d and `|d|` the kept words,
/// `P(t|d) = c(t, d) / |d|`; with first-stage scores `s_d`, document weights are
/// `w_d = s_d / Σ s` (uniform when a score is not positive). Then
/// `P(t|R) = Σ_d w_d · P(t|d)`, the `expansionTerms` best terms (ties by term) are kept and
/// renormalised, and each term's final weight is
/// `θ_t = λ · P(t|Q) + (1 − λ) · P(t|R)` with `P(t|Q) = 1/|Q|` over the query's terms and
/// λ = `originalQueryWeight`.
///
/// FTS5 MATCH has no per-term weights, but its `bm25()` sums one contribution per phrase of the
/// query, so a phrase repeated n times counts n times. The weighted query is therefore rendered
/// as an OR of quoted terms, each repeated `n_t = round(termRepeats · θ_t / max θ)` times (at
/// least once for a query term; an expansion term that rounds to 0 is left out): BM25 then
/// scores `Σ_t n_t · bm25_t`, the weighted query at a resolution of `1/termRepeats`.
///
/// **Vector side (Rocchio, no negative documents).** With `c̄` the mean of the feedback chunks'
/// embeddings and β = `feedbackVectorWeight`, the new query is the unit vector along
/// `(1 − β) · q + β · c̄`.
public struct PseudoRelevanceFeedback: Sendable, Equatable {
    /// Top files of the first stage used as feedback. Default 5 (on Cranfield every value 2...5
    /// beats 10 and 20; see docs/rerank-measurements.md).
    public var feedbackDocuments: Int
    /// Expansion terms kept from the feedback model P(t|R). Default 10.
    public var expansionTerms: Int
    /// λ: weight of the original query in the expanded keyword query, 0...1 (1 = no expansion).
    /// Default 0.5.
    public var originalQueryWeight: Double
    /// Repeats of the heaviest term when the weighted query is written for FTS5 (the weights'
    /// resolution), 1...16. Default 4.
    public var termRepeats: Int
    /// β: weight of the feedback centroid in the new query vector, 0...1 (0 = unchanged). Default 0.5.
    public var feedbackVectorWeight: Double

    public init(feedbackDocuments: Int = 5, expansionTerms: Int = 10, originalQueryWeight: Double = 0.5,
                termRepeats: Int = 4, feedbackVectorWeight: Double = 0.5) {
        self.feedbackDocuments = feedbackDocuments
        self.expansionTerms = expansionTerms
        self.originalQueryWeight = originalQueryWeight
        self.termRepeats = termRepeats
        self.feedbackVectorWeight = feedbackVectorWeight
    }

    /// The configuration itself when every parameter is in range.
    /// - Throws: `SearchError.invalidQuery` naming the parameter out of range.
    public func validated() throws(SearchError) -> PseudoRelevanceFeedback {
        guard (1...1_000).contains(feedbackDocuments) else {
            throw .invalidQuery(reason: "PRF feedback documents must be 1...1000, not \(feedbackDocuments)")
        }
        guard (0...1_000).contains(expansionTerms) else {
            throw .invalidQuery(reason: "PRF expansion terms must be 0...1000, not \(expansionTerms)")
        }
        guard (0...1).contains(originalQueryWeight) else {
            throw .invalidQuery(reason: "PRF original query weight must be 0...1, not \(originalQueryWeight)")
        }
        guard (1...16).contains(termRepeats) else {
            throw .invalidQuery(reason: "PRF term repeats must be 1...16, not \(termRepeats)")
        }
        guard (0...1).contains(feedbackVectorWeight) else {
            throw .invalidQuery(reason: "PRF feedback vector weight must be 0...1, not \(feedbackVectorWeight)")
        }
        return self
    }

    /// The RM3 expanded query: the query's terms and the expansion terms with their weights θ
    /// (summing to 1), heaviest first, equal weights by term. `queryTerms` are the query's
    /// keyword terms (`FTSQueryBuilder.terms(in:)`); `words` splits a feedback text into words.
    /// With no feedback document (or no usable word in them) the query's terms weigh 1/|Q| each.
    /// - Throws: `SearchError.invalidQuery` when `queryTerms` is empty.
    public func expandedTerms(queryTerms: [String], feedback: [FeedbackDocument],
                              words: (String) -> [String]) throws(SearchError) -> [WeightedTerm] {
        var querySet: [String] = []
        var seen = Set<String>()
        for term in queryTerms where seen.insert(term).inserted { querySet.append(term) }
        guard !querySet.isEmpty else { throw .invalidQuery(reason: "PRF needs at least one query term") }
        let feedbackModel = feedbackTermModel(feedback.prefix(feedbackDocuments), words: words)
        let lambda = feedbackModel.isEmpty ? 1 : originalQueryWeight
        var weights: [String: Double] = [:]
        for term in querySet { weights[term, default: 0] += lambda / Double(querySet.count) }
        for entry in feedbackModel { weights[entry.term, default: 0] += (1 - lambda) * entry.weight }
        return weights.filter { $0.value > 0 }.map { WeightedTerm(term: $0.key, weight: $0.value) }.sorted(by: Self.heavierFirst)
    }

    /// P(t|R) restricted to the `expansionTerms` most probable terms and renormalised, heaviest
    /// first (ties by term); empty when no feedback word survives the filter.
    public func feedbackTermModel<Documents: Collection<FeedbackDocument>>(
        _ documents: Documents, words: (String) -> [String]
    ) -> [WeightedTerm] {
        guard expansionTerms > 0 else { return [] }
        let scores = documents.map(\.score)
        let total = scores.reduce(0, +)
        let uniform = scores.contains { !($0 > 0) || !$0.isFinite } || !(total > 0)
        var model: [String: Double] = [:]
        for (document, score) in zip(documents, scores) {
            let kept = words(document.text).filter(Self.isExpansionCandidate)
            guard !kept.isEmpty else { continue }
            let documentWeight = uniform ? 1 / Double(documents.count) : score / total
            let perWord = documentWeight / Double(kept.count)
            for word in kept { model[word, default: 0] += perWord }
        }
        let top = model.map { WeightedTerm(term: $0.key, weight: $0.value) }.sorted(by: Self.heavierFirst).prefix(expansionTerms)
        let mass = top.reduce(0) { $0 + $1.weight }
        guard mass > 0 else { return [] }
        return top.map { WeightedTerm(term: $0.term, weight: $0.weight / mass) }
    }

    /// The FTS5 MATCH expression of weighted terms: each term quoted and repeated
    /// `round(termRepeats · weight / max weight)` times, OR-joined. Terms in `keep` (the original
    /// query's) appear at least once; others that round to 0 are left out.
    /// - Throws: `SearchError.invalidQuery` when no term remains.
    public func matchExpression(for terms: [WeightedTerm], keep: Set<String>) throws(SearchError) -> String {
        let heaviest = terms.map(\.weight).max() ?? 0
        var phrases: [String] = []
        for entry in terms where heaviest > 0 {
            var repeats = Int((Double(termRepeats) * entry.weight / heaviest).rounded())
            if keep.contains(entry.term) { repeats = max(repeats, 1) }
            phrases.append(contentsOf: repeatElement(FTSQueryBuilder.quoted(entry.term), count: repeats))
        }
        guard !phrases.isEmpty else { throw .invalidQuery(reason: "the expanded query has no term") }
        return phrases.joined(separator: " OR ")
    }

    /// Rocchio: the unit vector along `(1 − β) · query + β · mean(feedback)`. Feedback vectors
    /// must have the query's dimension; with none, the query is returned unchanged.
    /// - Throws: `SearchError.invalidQuery` for a dimension mismatch or a zero result.
    public func movedQueryVector(_ query: [Float], feedback: [[Float]]) throws(SearchError) -> [Float] {
        guard !feedback.isEmpty, feedbackVectorWeight > 0 else { return query }
        var centroid = [Float](repeating: 0, count: query.count)
        for vector in feedback {
            guard vector.count == query.count else {
                throw .invalidQuery(reason: "a feedback vector has \(vector.count) components, the query \(query.count)")
            }
            for index in vector.indices { centroid[index] += vector[index] }
        }
        let beta = Float(feedbackVectorWeight)
        let scale = beta / Float(feedback.count)
        var moved = query.indices.map { (1 - beta) * query[$0] + scale * centroid[$0] }
        let norm = moved.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { throw .invalidQuery(reason: "the feedback cancels the query vector") }
        for index in moved.indices { moved[index] /= norm }
        return moved
    }

    /// Feedback words worth expanding with: not a stopword, at least two characters, a letter.
    static func isExpansionCandidate(_ word: String) -> Bool {
        word.count >= 2 && !FTSQueryBuilder.isStopword(word) && word.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    static func heavierFirst(_ lhs: WeightedTerm, _ rhs: WeightedTerm) -> Bool {
        lhs.weight > rhs.weight || (lhs.weight == rhs.weight && lhs.term < rhs.term)
    }
}
