import Foundation
import SeekCore
import SeekEmbedding
import SeekIngest
import Testing

/// Measures chunking speed (tokenization included) on the Cranfield corpus and prints it; run in
/// release (`swift test -c release --filter ChunkerThroughputTests`) for meaningful numbers.
/// Asserts only that all text was chunked, never time.
struct ChunkerThroughputTests {
    @Test func chunksTheCranfieldCorpus() throws {
        let tokenizer = try ChunkerFixture.tokenizer()
        let chunker = try Chunker(tokenizer: tokenizer)
        let documents = try ChunkerFixture.cranfield().map { ExtractedDocument(text: $0.title + "\n\n" + $0.text, title: $0.title) }
        let whole = ExtractedDocument(text: documents.map(\.text).joined(separator: "\n\n"))
        let tokens = documents.reduce(0) { $0 + tokenizer.tokenSpans($1.text).count }

        #if DEBUG
        let passes = 1
        #else
        let passes = 3
        #endif
        var bestPerDocument = Duration.seconds(1_000)
        var bestWhole = Duration.seconds(1_000)
        var chunkCount = 0
        var wholeChunks: [ChunkDraft] = []
        let clock = ContinuousClock()
        for _ in 0..<passes {
            var count = 0
            bestPerDocument = min(bestPerDocument, clock.measure { for document in documents { count += chunker.chunks(of: document).count } })
            chunkCount = count
            bestWhole = min(bestWhole, clock.measure { wholeChunks = chunker.chunks(of: whole) })
        }
        print(String(format: "Chunker on Cranfield: 1,400 documents -> %d chunks, %d tokens in %.3f s: %.0f tokens/s; as one document -> %d chunks in %.3f s: %.0f tokens/s (best of %d)",
                     chunkCount, tokens, bestPerDocument.seconds, Double(tokens) / bestPerDocument.seconds,
                     wholeChunks.count, bestWhole.seconds, Double(tokens) / bestWhole.seconds, passes))

        #expect(chunkCount >= documents.count)
        let wholeTokens = tokenizer.tokenSpans(whole.text).count
        #expect(wholeChunks.count >= wholeTokens / 254)
        #expect(wholeChunks.allSatisfy { $0.tokenIds.count <= 256 })
        #expect(wholeChunks.last?.end == whole.text.unicodeScalars.count)
    }
}
