/// One first-stage document that pseudo-relevance feedback treats as relevant: the text of its
/// best chunk and that chunk's first-stage score (higher is better, in the first stage's scale).
public struct FeedbackDocument: Sendable, Equatable {
    /// The chunk's text.
    public var text: String
    /// First-stage score (BM25, cosine or fused).
    public var score: Double

    public init(text: String, score: Double) {
        self.text = text
        self.score = score
    }
}
