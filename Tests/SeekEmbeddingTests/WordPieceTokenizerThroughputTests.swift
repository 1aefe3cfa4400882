import Foundation
import SeekCore
import SeekEmbedding
import SeekTestSupport
import Testing

/// Measures tokenization speed on the Cranfield corpus (title + " " + text of 1,400 abstracts) and
/// prints it; run in release (`swift test -c release --filter WordPieceTokenizerThroughputTests`) for
/// meaningful numbers. Asserts only consistency, never time.
struct WordPieceTokenizerThroughputTests {
    static func cranfieldTexts() throws -> [String] {
        try CranfieldDataset.documents().map { $0.title + " " + $0.text }
    }

    @Test func tokenizesTheCranfieldCorpus() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let texts = try Self.cranfieldTexts()
        #expect(texts.count == 1400)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }

        #if DEBUG
        let passes = 1
        #else
        let passes = 5
        #endif
        var best = Duration.seconds(1_000)
        var tokenCount = 0
        for _ in 0..<passes {
            let clock = ContinuousClock()
            var count = 0
            let elapsed = clock.measure {
                for text in texts { count += tokenizer.tokenSpans(text).count }
            }
            best = min(best, elapsed)
            tokenCount = count
        }
        let seconds = best.seconds
        print(String(format: "WordPiece on Cranfield: %d documents, %d tokens, %.1f MB in %.3f s (best of %d): %.0f tokens/s, %.1f MB/s",
                     texts.count, tokenCount, Double(bytes) / 1e6, seconds, passes, Double(tokenCount) / seconds, Double(bytes) / 1e6 / seconds))

        // Consistency: truncated model inputs are the untruncated tokens' prefix.
        var truncated = 0
        for text in texts {
            let spans = tokenizer.tokenSpans(text)
            let ids = tokenizer.encode(text)
            #expect(Array(ids.dropFirst().dropLast()) == spans.prefix(tokenizer.maxTokens - 2).map(\.id))
            if spans.count > tokenizer.maxTokens - 2 { truncated += 1 }
        }
        #expect(tokenCount > 200_000)
        #expect(truncated > 0 && truncated < texts.count)
    }
}
