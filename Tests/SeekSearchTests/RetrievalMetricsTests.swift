import Foundation
import SeekSearch
import Testing

struct RetrievalMetricsTests {
    let judgments = ["d2": 1, "d4": 2, "d9": 1, "d7": 0]

    @Test func ndcgUsesGradedGains() throws {
        let ranking = ["d1", "d2", "d3", "d4", "d7"]
        // DCG = 1/log2(3) + 2/log2(5); ideal = 2/log2(2) + 1/log2(3) + 1/log2(4).
        let expected = (1 / log2(3.0) + 2 / log2(5.0)) / (2 + 1 / log2(3.0) + 0.5)
        #expect(abs(try #require(RetrievalMetrics.ndcg(ranking: ranking, judgments: judgments)) - expected) < 1e-12)
        #expect(RetrievalMetrics.ndcg(ranking: ["d4", "d2", "d9"], judgments: judgments) == 1)
        // Cutoff 1: only d1 counts.
        #expect(RetrievalMetrics.ndcg(ranking: ranking, judgments: judgments, cutoff: 1) == 0)
        // A repeated document counts once.
        #expect(RetrievalMetrics.ndcg(ranking: ["d4", "d4", "d2", "d9"], judgments: judgments) == 1)
    }

    @Test func recallAndReciprocalRank() throws {
        let ranking = ["d1", "d2", "d3", "d4"]
        #expect(RetrievalMetrics.recall(ranking: ranking, judgments: judgments) == 2.0 / 3)
        #expect(RetrievalMetrics.recall(ranking: ranking, judgments: judgments, cutoff: 2) == 1.0 / 3)
        #expect(RetrievalMetrics.reciprocalRank(ranking: ranking, judgments: judgments) == 0.5)
        #expect(RetrievalMetrics.reciprocalRank(ranking: ["d7", "d1"], judgments: judgments) == 0)
        #expect(RetrievalMetrics.reciprocalRank(ranking: ranking, judgments: judgments, cutoff: 1) == 0)
    }

    @Test func queriesWithoutRelevantDocumentsHaveNoScore() {
        #expect(RetrievalMetrics.ndcg(ranking: ["a"], judgments: [:]) == nil)
        #expect(RetrievalMetrics.recall(ranking: ["a"], judgments: ["a": 0]) == nil)
        #expect(RetrievalMetrics.reciprocalRank(ranking: ["a"], judgments: ["b": -1]) == nil)
    }
}
