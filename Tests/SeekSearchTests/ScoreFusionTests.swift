import SeekCore
import SeekSearch
import Testing

struct ScoreFusionTests {
    /// Vector 1: 1, 2: 0.625, 3: 0.25 normalises to 1, 0.5, 0; keyword 3: 10, 4: 6, 2: 2 to 1, 0.5, 0.
    let lists: [Retriever: [RankedChunk]] = [
        .vector: [RankedChunk(chunkId: 1, score: 1, foundBy: [.vector]), RankedChunk(chunkId: 2, score: 0.625, foundBy: [.vector]),
                  RankedChunk(chunkId: 3, score: 0.25, foundBy: [.vector])],
        .keyword: [RankedChunk(chunkId: 3, score: 10, foundBy: [.keyword]), RankedChunk(chunkId: 4, score: 6, foundBy: [.keyword]),
                   RankedChunk(chunkId: 2, score: 2, foundBy: [.keyword])],
    ]

    @Test func combSUMAddsNormalisedScoresWithTiesByChunkId() {
        let fused = ScoreFusion(rule: .combSUM).fuse(lists)
        // 1: ½·1 = 0.5, 3: ½·0 + ½·1 = 0.5, 2: ½·0.5 + ½·0 = 0.25, 4: ½·0.5 = 0.25.
        #expect(fused.map(\.chunkId) == [1, 3, 2, 4])
        #expect(fused.map(\.score) == [0.5, 0.5, 0.25, 0.25])
        #expect(fused[1].foundBy == [.vector, .keyword])
        #expect(fused[3].foundBy == [.keyword])
    }

    @Test func combMNZMultipliesByTheListsHoldingTheChunk() {
        let fused = ScoreFusion(rule: .combMNZ).fuse(lists)
        // 3: 0.5·2 = 1, 1: 0.5·1, 2: 0.25·2 = 0.5, 4: 0.25.
        #expect(fused.map(\.chunkId) == [3, 1, 2, 4])
        #expect(fused.map(\.score) == [1, 0.5, 0.5, 0.25])
    }

    @Test func weightsFormAConvexCombination() {
        let fused = ScoreFusion(rule: .combSUM, weights: [.vector: 3, .keyword: 1]).fuse(lists)
        // 1: 0.75, 2: 0.375, 3: 0.25, 4: 0.125.
        #expect(fused.map(\.chunkId) == [1, 2, 3, 4])
        #expect(fused.map(\.score) == [0.75, 0.375, 0.25, 0.125])
    }

    @Test func aListWithOneDistinctScoreCountsFullyAndRepeatsCountOnce() {
        let fused = ScoreFusion().fuse([
            .vector: [RankedChunk(chunkId: 7, score: 0.3, foundBy: [.vector]), RankedChunk(chunkId: 7, score: 0.1, foundBy: [.vector])],
            .keyword: [],
        ])
        #expect(fused == [RankedChunk(chunkId: 7, score: 0.5, foundBy: [.vector])])
        #expect(ScoreFusion().fuse([:]).isEmpty)
    }
}
