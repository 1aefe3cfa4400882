import SeekCore
import SeekEmbedding
import SeekStore

extension SearchConfiguration {
    /// `groups` (the first stage's best, in order) reordered with a cross-encoder, the same for
    /// every store: each file's best chunk (its text from `details`) is scored with the query, and
    /// the files are ranked by the reciprocal-rank fusion of the two orders,
    /// `1/(k + first-stage rank) + 1/(k + cross-encoder rank)` with the configuration's RRF k (60),
    /// ties by chunk id. Equal weights keep a strong first-stage hit near the top when the
    /// cross-encoder is out of its domain; a file's score becomes its fused score. A chunk missing
    /// from `details` (removed since it was ranked) is scored as an empty passage.
    /// - Throws: `SearchError.rerankFailed` when the cross-encoder fails.
    public func crossEncoderReranked(_ query: String, _ groups: [FileGroup], details: [Int64: ChunkDetail],
                                     reranker: CrossEncoder) throws(SearchError) -> [FileGroup] {
        var scores: [Float] = []
        scores.reserveCapacity(groups.count)
        do {
            for start in stride(from: 0, to: groups.count, by: Self.rerankBatchSize) {
                let batch = groups[start..<min(start + Self.rerankBatchSize, groups.count)]
                scores += try reranker.scores(batch.map { reranker.encode(query: query, passage: details[$0.best.chunkId]?.text ?? "") })
            }
        } catch {
            throw .rerankFailed(reason: "\(error)")
        }
        let byScore = groups.indices.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : groups[$0].best.chunkId < groups[$1].best.chunkId
        }
        var crossEncoderRank = [Int](repeating: 0, count: groups.count)
        for (rank, index) in byScore.enumerated() { crossEncoderRank[index] = rank + 1 }
        let k = fusion.k
        let fused = groups.indices.map { 1 / (k + Double($0 + 1)) + 1 / (k + Double(crossEncoderRank[$0])) }
        return groups.indices.sorted {
            fused[$0] != fused[$1] ? fused[$0] > fused[$1] : groups[$0].best.chunkId < groups[$1].best.chunkId
        }.map { index in
            var group = groups[index]
            group.best.score = fused[index]
            return group
        }
    }

    /// The cross-encoder depth of this configuration (0 unless `rerank` is `.crossEncoder`),
    /// checked: 1...1000, and a loaded cross-encoder.
    /// - Throws: `SearchError.invalidQuery` for a depth out of range, `.rerankFailed` without a cross-encoder.
    public func checkedCrossEncoderDepth(reranker: CrossEncoder?) throws(SearchError) -> Int {
        guard rerank == .crossEncoder else { return 0 }
        guard (1...1_000).contains(rerankDepth) else {
            throw .invalidQuery(reason: "the rerank depth must be 1...1000, not \(rerankDepth)")
        }
        guard reranker != nil else {
            throw .rerankFailed(reason: "no cross-encoder is loaded; run `seek model fetch --reranker`")
        }
        return rerankDepth
    }

    /// Pairs a cross-encoder scores in one packed batch.
    static let rerankBatchSize = 32
}
