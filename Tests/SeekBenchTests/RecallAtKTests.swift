import SeekBench
import Testing

struct RecallAtKTests {
    @Test func shareOfTheExactTopKFoundInAnyOrder() {
        #expect(RecallAtK.recall(approximate: [1, 2, 3], exact: [3, 2, 1], k: 3) == 1)
        #expect(RecallAtK.recall(approximate: [1, 2, 9, 8], exact: [1, 2, 3, 4], k: 4) == 0.5)
        #expect(RecallAtK.recall(approximate: [Int64](), exact: [1, 2], k: 10) == 0)
        // Only the first k of each count.
        #expect(RecallAtK.recall(approximate: [1, 5, 2], exact: [1, 2, 3], k: 2) == 0.5)
        // Fewer exact results than k (a small index): the share of those.
        #expect(RecallAtK.recall(approximate: [7, 1], exact: [1], k: 10) == 1)
        // Duplicated ids in an answer count once.
        #expect(RecallAtK.recall(approximate: [1, 1, 1], exact: [1, 2, 3], k: 3) == Double(1) / 3)
    }

    @Test func anEmptyExactAnswerIsFullRecall() {
        #expect(RecallAtK.recall(approximate: [1], exact: [Int](), k: 10) == 1)
    }

    @Test func meanOfRecalls() {
        #expect(RecallAtK.mean([1, 0.5, 0]) == 0.5)
        #expect(RecallAtK.mean([]).isNaN)
    }
}
