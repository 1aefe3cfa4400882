/// A keyword query term with its weight in an expanded query (`PseudoRelevanceFeedback`).
public struct WeightedTerm: Sendable, Equatable, Hashable {
    /// The lowercased word.
    public var term: String
    /// Its weight; the weights of one expanded query sum to 1.
    public var weight: Double

    public init(term: String, weight: Double) {
        self.term = term
        self.weight = weight
    }
}
