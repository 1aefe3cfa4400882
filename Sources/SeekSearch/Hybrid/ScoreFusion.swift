import SeekCore

/// Score fusion of ranked lists (CombSUM / CombMNZ, Fox & Shaw): each list's scores are min-max
/// normalised to 0...1 within the list (`(s − min) / (max − min)`; every score is 1 when the list
/// has one distinct score), a chunk missing from a list gets 0 there, and the fused score is the
/// convex combination `Σ_r w_r · norm_r(chunk)` with `w_r = weight_r / Σ weights` over the lists
/// given. CombMNZ multiplies that by the number of lists that hold the chunk. Unlike rank fusion,
/// how far apart the scores are counts; the normalisation is what makes cosine and BM25 comparable.
public struct ScoreFusion: Sendable, Equatable {
    /// The combination rule.
    public enum Rule: String, Sendable, Equatable, Codable, CaseIterable {
        case combSUM = "combsum", combMNZ = "combmnz"
    }

    /// CombSUM or CombMNZ.
    public var rule: Rule
    /// Weight of each retriever's list; a retriever without an entry weighs 1. Default 1 each.
    public var weights: [Retriever: Double]

    public init(rule: Rule = .combSUM, weights: [Retriever: Double] = [:]) {
        self.rule = rule
        self.weights = weights
    }

    /// Fuses scored lists (a repeated chunk counts at its first, best, entry) into one list, best
    /// first, equal scores by ascending chunk id. Lists whose weights are all 0 count equally.
    public func fuse(_ lists: [Retriever: [RankedChunk]]) -> [RankedChunk] {
        let present = Retriever.allCases.filter { lists[$0] != nil }
        let weightSum = present.reduce(0.0) { $0 + max(weights[$1] ?? 1, 0) }
        var scores: [Int64: Double] = [:]
        var foundBy: [Int64: Set<Retriever>] = [:]
        for retriever in present {
            guard let list = lists[retriever], !list.isEmpty else { continue }
            let weight = weightSum > 0 ? max(weights[retriever] ?? 1, 0) / weightSum : 1 / Double(present.count)
            var seen = Set<Int64>()
            let entries = list.filter { seen.insert($0.chunkId).inserted }
            let low = entries.map(\.score).min() ?? 0
            let high = entries.map(\.score).max() ?? 0
            for entry in entries {
                let normalised = high > low ? (entry.score - low) / (high - low) : 1
                scores[entry.chunkId, default: 0] += weight * normalised
                foundBy[entry.chunkId, default: []].insert(retriever)
            }
        }
        return scores.map { chunkId, score in
            let retrievers = (foundBy[chunkId] ?? []).sorted()
            let fused = rule == .combMNZ ? score * Double(retrievers.count) : score
            return RankedChunk(chunkId: chunkId, score: fused, foundBy: retrievers)
        }.sorted(by: RankedChunk.ranksBefore)
    }
}
