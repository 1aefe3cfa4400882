import SeekSearch
import Testing

struct PseudoRelevanceFeedbackTests {
    let builder = FTSQueryBuilder()

    /// d1 (score 3) keeps wing, flow, flow ("the", "and" are stopwords, "1952" has no letter, "x" is
    /// one character); d2 (score 1) keeps flow, lift. Document weights 3/4 and 1/4:
    /// P(wing|R) = 3/4·1/3 = 1/4, P(flow|R) = 3/4·2/3 + 1/4·1/2 = 5/8, P(lift|R) = 1/8.
    /// Two terms kept, renormalised over 7/8: flow 5/7, wing 2/7.
    @Test func rm3KeepsTheMostProbableFeedbackTermsAndMixesThemWithTheQuery() throws {
        let feedback = PseudoRelevanceFeedback(expansionTerms: 2, originalQueryWeight: 0.5)
        let documents = [FeedbackDocument(text: "The wing, flow 1952 and flow x", score: 3), FeedbackDocument(text: "flow lift", score: 1)]
        let model = feedback.feedbackTermModel(documents, words: builder.words(in:))
        #expect(model.map(\.term) == ["flow", "wing"])
        #expect(abs(model[0].weight - 5.0 / 7) < 1e-12)
        #expect(abs(model[1].weight - 2.0 / 7) < 1e-12)
        // θ(wing) = 1/2·1 + 1/2·2/7 = 9/14, θ(flow) = 1/2·5/7 = 5/14.
        let terms = try feedback.expandedTerms(queryTerms: ["wing"], feedback: documents, words: builder.words(in:))
        #expect(terms.map(\.term) == ["wing", "flow"])
        #expect(abs(terms[0].weight - 9.0 / 14) < 1e-12)
        #expect(abs(terms[1].weight - 5.0 / 14) < 1e-12)
        // Repeats: wing 4, flow round(4 · 5/9) = 2.
        #expect(try feedback.matchExpression(for: terms, keep: ["wing"])
            == #""wing" OR "wing" OR "wing" OR "wing" OR "flow" OR "flow""#)
    }

    @Test func scoresThatAreNotPositiveWeighDocumentsEqually() {
        let feedback = PseudoRelevanceFeedback(expansionTerms: 3)
        let documents = [FeedbackDocument(text: "shock shock", score: -0.2), FeedbackDocument(text: "wave", score: 0.4)]
        let model = feedback.feedbackTermModel(documents, words: builder.words(in:))
        // Uniform: shock 1/2, wave 1/2 (ties by term).
        #expect(model == [WeightedTerm(term: "shock", weight: 0.5), WeightedTerm(term: "wave", weight: 0.5)])
    }

    @Test func withoutFeedbackTheQueryIsUnchanged() throws {
        let feedback = PseudoRelevanceFeedback()
        let terms = try feedback.expandedTerms(queryTerms: ["lift", "drag", "lift"], feedback: [], words: builder.words(in:))
        #expect(terms == [WeightedTerm(term: "drag", weight: 0.5), WeightedTerm(term: "lift", weight: 0.5)])
        #expect(try feedback.matchExpression(for: terms, keep: ["lift", "drag"])
            == #""drag" OR "drag" OR "drag" OR "drag" OR "lift" OR "lift" OR "lift" OR "lift""#)
        #expect(throws: SearchError.self) { try feedback.expandedTerms(queryTerms: [], feedback: [], words: builder.words(in:)) }
        #expect(throws: SearchError.self) { try feedback.matchExpression(for: [], keep: []) }
    }

    @Test func lightExpansionTermsRoundAwayButQueryTermsStay() throws {
        let feedback = PseudoRelevanceFeedback(termRepeats: 2)
        let terms = [WeightedTerm(term: "flow", weight: 0.8), WeightedTerm(term: "mach", weight: 0.1), WeightedTerm(term: "lift", weight: 0.1)]
        // flow 2; mach round(0.25) = 0 but a query term; lift 0 and dropped.
        #expect(try feedback.matchExpression(for: terms, keep: ["mach"]) == #""flow" OR "flow" OR "mach""#)
    }

    /// (1 − β)·q + β·mean = 0.75·(1, 0) + 0.25·(0.5, 0.5) = (0.875, 0.125), norm √0.78125.
    @Test func rocchioMovesTheQueryTowardTheFeedbackCentroidAndNormalises() throws {
        let moved = try PseudoRelevanceFeedback(feedbackVectorWeight: 0.25).movedQueryVector([1, 0], feedback: [[0, 1], [1, 0]])
        let norm = Float(0.78125).squareRoot()
        #expect(abs(moved[0] - 0.875 / norm) < 1e-6)
        #expect(abs(moved[1] - 0.125 / norm) < 1e-6)
        let half = try PseudoRelevanceFeedback(feedbackVectorWeight: 0.5).movedQueryVector([1, 0], feedback: [[0, 1]])
        #expect(abs(half[0] - Float(0.5).squareRoot()) < 1e-6 && abs(half[1] - Float(0.5).squareRoot()) < 1e-6)
        #expect(try PseudoRelevanceFeedback().movedQueryVector([0, 1], feedback: []) == [0, 1])
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback().movedQueryVector([1, 0], feedback: [[1, 0, 0]]) }
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback(feedbackVectorWeight: 1).movedQueryVector([1, 0], feedback: [[1, 0], [-1, 0]]) }
    }

    @Test func parametersOutOfRangeAreRejected() {
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback(feedbackDocuments: 0).validated() }
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback(originalQueryWeight: 1.5).validated() }
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback(termRepeats: 0).validated() }
        #expect(throws: SearchError.self) { try PseudoRelevanceFeedback(feedbackVectorWeight: -0.1).validated() }
        #expect(throws: Never.self) { try PseudoRelevanceFeedback().validated() }
    }
}
