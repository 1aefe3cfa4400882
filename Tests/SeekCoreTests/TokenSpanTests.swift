import SeekCore
import Testing

/// The chunker keeps one `TokenSpan` per token of a whole document (2 million for a 10 MB text):
/// its size is part of the indexing process's peak memory.
struct TokenSpanTests {
    @Test func aSpanTakesTwentyFourBytes() {
        #expect(MemoryLayout<TokenSpan>.stride == 24)
        let span = TokenSpan(id: 2023, start: 5, end: 9, startsWord: true)
        #expect(span.id == 2023 && span.start == 5 && span.end == 9 && span.startsWord)
    }
}
