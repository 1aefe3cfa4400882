import SeekSearch
import Testing
import SeekCore

struct ReciprocalRankFusionTests {
    @Test func fusesRanksWithHandComputedScores() {
        let fused = ReciprocalRankFusion().fuse([.vector: [1, 2, 3], .keyword: [3, 4]])
        // 3: 1/63 + 1/61; 1: 1/61; 2 and 4 tie at 1/62 (lower id first).
        #expect(fused.map(\.chunkId) == [3, 1, 2, 4])
        #expect(abs(fused[0].score - (1.0 / 63 + 1.0 / 61)) < 1e-15)
        #expect(fused[1].score == 1.0 / 61)
        #expect(fused[2].score == fused[3].score)
        #expect(fused[0].foundBy == [.vector, .keyword])
        #expect(fused[1].foundBy == [.vector])
        #expect(fused[3].foundBy == [.keyword])
    }

    @Test func weightsAndKChangeTheOrder() {
        let weighted = ReciprocalRankFusion(k: 1, weights: [.keyword: 3]).fuse([.vector: [1, 2], .keyword: [2, 1]])
        // 1: 1/2 + 3/3 = 1.5; 2: 1/3 + 3/2 = 1.833.
        #expect(weighted.map(\.chunkId) == [2, 1])
        #expect(abs(weighted[0].score - (1.0 / 3 + 1.5)) < 1e-12)
        #expect(ReciprocalRankFusion(k: 1).fuse([.vector: [1, 2], .keyword: [2, 1]]).map(\.chunkId) == [1, 2])
    }

    @Test func repeatedIdsCountOnceAndEmptyListsAreFine() {
        let fused = ReciprocalRankFusion().fuse([.vector: [5, 5, 6], .keyword: []])
        #expect(fused.map(\.chunkId) == [5, 6])
        #expect(fused[1].score == 1.0 / 63)
        #expect(ReciprocalRankFusion().fuse([:]).isEmpty)
    }

    @Test func groupingKeepsTheBestChunkPerFile() {
        let chunks = [
            RankedChunk(chunkId: 1, score: 0.5, foundBy: [.vector]),
            RankedChunk(chunkId: 2, score: 0.9, foundBy: [.keyword]),
            RankedChunk(chunkId: 3, score: 0.7, foundBy: [.vector, .keyword]),
            RankedChunk(chunkId: 4, score: 0.7, foundBy: [.vector]),
            RankedChunk(chunkId: 99, score: 1.0, foundBy: [.vector]),
        ]
        let paths: [Int64: String] = [1: "/a", 2: "/a", 3: "/b", 4: "/c"]
        let groups = FileGroup.group(chunks) { paths[$0] }
        #expect(groups.map(\.path) == ["/a", "/b", "/c"])
        #expect(groups[0].best.chunkId == 2 && groups[0].others.map(\.chunkId) == [1])
        #expect(groups[0].foundBy == [.vector, .keyword])
        // Equal best scores: the lower chunk id ranks first.
        #expect(groups[1].best.chunkId == 3 && groups[2].best.chunkId == 4)
    }
}
