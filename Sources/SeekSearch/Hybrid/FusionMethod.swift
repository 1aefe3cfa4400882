/// How hybrid mode combines the vector and keyword lists (config `search.fusion_method`).
public enum FusionMethod: String, Sendable, Equatable, Codable, CaseIterable {
    /// Reciprocal rank fusion (`ReciprocalRankFusion`): ranks only, weights per retriever.
    case rrf
    /// CombSUM (`ScoreFusion`): min-max normalised scores, weighted sum.
    case combSUM = "combsum"
    /// CombMNZ (`ScoreFusion`): CombSUM times the number of lists holding the chunk.
    case combMNZ = "combmnz"
}
