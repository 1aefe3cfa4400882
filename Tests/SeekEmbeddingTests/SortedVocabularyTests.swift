import Foundation
import SeekEmbedding
import SeekTestSupport
import Testing

/// The vocabulary in byte order: what the trie is built from and the cache stores.
struct SortedVocabularyTests {
    @Test func theRealVocabularyIsInByteOrderAndFindsEveryPiece() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: TokenizerFixture.url("tokenizer.json"))) as? [String: Any])
        let vocab = try #require((json["model"] as? [String: Any])?["vocab"] as? [String: Int]).mapValues { Int32($0) }
        let sorted = SortedVocabulary(vocab)
        #expect(sorted.count == vocab.count)
        for index in 1..<sorted.count {
            #expect(sorted.spelling(index - 1).lexicographicallyPrecedes(sorted.spelling(index)), "entries \(index - 1) and \(index)")
        }
        for (token, id) in vocab { #expect(sorted.id(of: token) == id, "\(token)") }
        #expect(sorted.id(of: "notavocabularypiece") == nil && sorted.id(of: "##") == nil)
        #expect(sorted.dictionary == vocab)
    }

    @Test func partsThatDoNotMakeAVocabularyAreRefused() {
        let spellings = Array("ab".utf8)
        #expect(SortedVocabulary(spellings: spellings, starts: [0, 1, 2], ids: [5, 6])?.dictionary == ["a": 5, "b": 6])
        // Out of order, twice the same piece, a start past the end, ids and starts that disagree, bad UTF-8.
        #expect(SortedVocabulary(spellings: Array("ba".utf8), starts: [0, 1, 2], ids: [5, 6]) == nil)
        #expect(SortedVocabulary(spellings: Array("aa".utf8), starts: [0, 1, 2], ids: [5, 6]) == nil)
        #expect(SortedVocabulary(spellings: spellings, starts: [0, 1, 3], ids: [5, 6]) == nil)
        #expect(SortedVocabulary(spellings: spellings, starts: [0, 2, 1], ids: [5, 6]) == nil)
        #expect(SortedVocabulary(spellings: spellings, starts: [0, 2], ids: [5, 6]) == nil)
        #expect(SortedVocabulary(spellings: [0xC3, 0x28], starts: [0, 2], ids: [1]) == nil)
        #expect(SortedVocabulary(spellings: [], starts: [], ids: []) == nil)
    }
}
