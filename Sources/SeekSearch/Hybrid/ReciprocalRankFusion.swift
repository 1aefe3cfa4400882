import SeekCore

/// Reciprocal rank fusion: a chunk's fused score is Σ over the lists that hold it of
/// `weight(list) / (k + rank)`, rank 1-based. Scores of different scales (cosine, BM25) never mix.
public struct ReciprocalRankFusion: Sendable, Equatable {
    /// The rank offset k; larger values flatten the difference between top and lower ranks. Default 60.
    public var k: Double
    /// Weight of each retriever's list; a retriever without an entry weighs 1. Default 1 each.
    public var weights: [Retriever: Double]

    public init(k: Double = 60, weights: [Retriever: Double] = [:]) {
        self.k = k
        self.weights = weights
    }

    /// Fuses ranked lists of chunk ids (best first; a repeated id counts at its first rank) into one
    /// list, best first, equal scores by ascending chunk id.
    public func fuse(_ lists: [Retriever: [Int64]]) -> [RankedChunk] {
        var scores: [Int64: Double] = [:]
        var foundBy: [Int64: Set<Retriever>] = [:]
        for retriever in Retriever.allCases {
            guard let list = lists[retriever] else { continue }
            let weight = weights[retriever] ?? 1
            var seen = Set<Int64>()
            for (index, chunkId) in list.enumerated() where seen.insert(chunkId).inserted {
                scores[chunkId, default: 0] += weight / (k + Double(index + 1))
                foundBy[chunkId, default: []].insert(retriever)
            }
        }
        return scores.map { chunkId, score in
            RankedChunk(chunkId: chunkId, score: score, foundBy: (foundBy[chunkId] ?? []).sorted())
        }.sorted(by: RankedChunk.ranksBefore)
    }
}
