import SeekEmbedding
import Testing

/// `longest_first` truncation as Hugging Face tokenizers do it, on hand-checked lengths.
struct PairEncodingTests {
    static func lengths(_ query: Int, _ passage: Int, max: Int) -> (Int, Int, [Int32]) {
        let encoding = PairEncoding(query: Array(repeating: 5, count: query), passage: Array(repeating: 7, count: passage),
                                    cls: 101, sep: 102, maxTokens: max)
        return (encoding.ids.filter { $0 == 5 }.count, encoding.ids.filter { $0 == 7 }.count, encoding.tokenTypes)
    }

    @Test func shortPairsAreKeptWhole() {
        let encoding = PairEncoding(query: [1, 2], passage: [3], cls: 101, sep: 102, maxTokens: 10)
        #expect(encoding.ids == [101, 1, 2, 102, 3, 102])
        #expect(encoding.tokenTypes == [0, 0, 0, 0, 1, 1])
        #expect(Self.lengths(0, 0, max: 3).0 == 0)
        #expect(PairEncoding(query: [], passage: [], cls: 101, sep: 102, maxTokens: 3).ids == [101, 102, 102])
        let alone = PairEncoding(query: [1, 2, 3, 4], cls: 101, sep: 102, maxTokens: 4)
        #expect(alone.ids == [101, 1, 2, 102] && alone.tokenTypes == [0, 0, 0, 0])
    }

    @Test func theLongerSegmentLosesTokensFirst() {
        // Budget 125: the short one keeps all its tokens.
        #expect(Self.lengths(10, 500, max: 128).0 == 10 && Self.lengths(10, 500, max: 128).1 == 115)
        #expect(Self.lengths(500, 10, max: 128).0 == 115 && Self.lengths(500, 10, max: 128).1 == 10)
        // Both longer than half the budget: halves, the odd token to the longer (the second on a tie).
        #expect(Self.lengths(300, 300, max: 128).0 == 62 && Self.lengths(300, 300, max: 128).1 == 63)
        #expect(Self.lengths(300, 100, max: 128).0 == 63 && Self.lengths(300, 100, max: 128).1 == 62)
        #expect(Self.lengths(70, 70, max: 128).0 == 62)
        let (query, passage, types) = Self.lengths(90, 40, max: 128)
        #expect(query == 85 && passage == 40 && types.count == 128)
        #expect(types.filter { $0 == 0 }.count == 87)
    }
}
