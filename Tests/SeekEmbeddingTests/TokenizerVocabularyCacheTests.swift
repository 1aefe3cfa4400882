import Foundation
import SeekCore
import SeekEmbedding
import SeekTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

struct TokenizerVocabularyCacheTests {
    private static func tokenizerData() throws -> Data {
        try Data(contentsOf: TokenizerFixture.url("tokenizer.json"))
    }

    /// The fixture's vocabulary as `tokenizer.json` spells it.
    private static func fileVocabulary() throws -> [String: Int32] {
        let json = try #require(try JSONSerialization.jsonObject(with: tokenizerData()) as? [String: Any])
        let model = try #require(json["model"] as? [String: Any])
        let vocab = try #require(model["vocab"] as? [String: Int])
        return vocab.mapValues { Int32($0) }
    }

    @Test func theReferenceTextsTokenizeAlikeWithoutTheCacheWhileFillingItAndFromIt() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        let cacheDirectory = scratch.file("tokenizers")
        let url = TokenizerFixture.url("tokenizer.json")
        let plain = try WordPieceTokenizer(contentsOf: url)
        let filling = try WordPieceTokenizer(contentsOf: url, vocabularyCacheDirectory: cacheDirectory)
        let entry = TokenizerVocabularyCache(directory: cacheDirectory)
            .fileURL(tokenizerSHA256: ContentHash.sha256Hex(try Self.tokenizerData()))
        #expect(FileManager.default.fileExists(atPath: entry.path))
        let cached = try WordPieceTokenizer(contentsOf: url, vocabularyCacheDirectory: cacheDirectory)
        for fixture in try ReferenceFixture.all() {
            #expect(filling.encode(fixture.text) == fixture.ids)
            #expect(cached.encode(fixture.text) == fixture.ids)
            #expect(plain.encode(fixture.text) == fixture.ids)
        }
        #expect(cached.vocabularySize == plain.vocabularySize)
        #expect(try cached.tokens(for: Array(0..<Int32(plain.vocabularySize))) == plain.tokens(for: Array(0..<Int32(plain.vocabularySize))))
    }

    /// Proof that a second load reads the entry instead of the JSON: an entry that (wrongly)
    /// swaps two tokens' ids shows in what the tokenizer produces.
    @Test func aLoadWithAnEntryTakesTheVocabularyFromIt() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        let cache = TokenizerVocabularyCache(directory: scratch.url)
        var vocabulary = try Self.fileVocabulary()
        let wing = try #require(vocabulary["wing"]), lift = try #require(vocabulary["lift"])
        vocabulary["wing"] = lift
        vocabulary["lift"] = wing
        cache.record(SortedVocabulary(vocabulary), tokenizerSHA256: ContentHash.sha256Hex(try Self.tokenizerData()))
        let tokenizer = try WordPieceTokenizer(contentsOf: TokenizerFixture.url("tokenizer.json"), vocabularyCacheDirectory: scratch.url)
        #expect(tokenizer.encode("wing lift") == [tokenizer.clsTokenId, lift, wing, tokenizer.sepTokenId])
    }

    @Test func aDamagedEntryIsIgnoredAndWrittenAgain() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        let url = TokenizerFixture.url("tokenizer.json")
        let cache = TokenizerVocabularyCache(directory: scratch.url)
        let entry = cache.fileURL(tokenizerSHA256: ContentHash.sha256Hex(try Self.tokenizerData()))
        _ = try WordPieceTokenizer(contentsOf: url, vocabularyCacheDirectory: scratch.url)
        let good = try Data(contentsOf: entry)
        var flipped = good
        flipped[flipped.count / 2] ^= 0x20
        for damaged in [good.prefix(good.count - 1), flipped, Data("not a cache file".utf8), Data()] {
            try damaged.write(to: entry)
            let tokenizer = try WordPieceTokenizer(contentsOf: url, vocabularyCacheDirectory: scratch.url)
            #expect(tokenizer.encode("Hello, world!") == [101, 7592, 1010, 2088, 999, 102])
            #expect(try Data(contentsOf: entry) == good)
        }
    }

    @Test func payloadsReadBackWhatWasEncodedAndNothingMalformed() throws {
        let vocabulary: [String: Int32] = ["[PAD]": 0, "[UNK]": 100, "é": 7, "##ing": 8, "a\u{0}b": 9, "\"\\": 10]
        let data = try #require(TokenizerVocabularyCache.encode(SortedVocabulary(vocabulary)))
        #expect(TokenizerVocabularyCache.decode(data)?.dictionary == vocabulary)
        #expect(TokenizerVocabularyCache.encode(SortedVocabulary(vocabulary)) == data)
        // Entries in byte order: the trie is built from them as they are.
        let decoded = try #require(TokenizerVocabularyCache.decode(data))
        #expect((0..<decoded.count).map(decoded.token) == ["\"\\", "##ing", "[PAD]", "[UNK]", "a\u{0}b", "é"])
        #expect(decoded.id(of: "é") == 7 && decoded.id(of: "[UNK]") == 100 && decoded.id(of: "##in") == nil && decoded.id(of: "") == nil)
        #expect(TokenizerVocabularyCache.decode(data.dropLast()) == nil)
        #expect(TokenizerVocabularyCache.decode(data + Data([0])) == nil)
        #expect(TokenizerVocabularyCache.decode(Data()) == nil)
        var otherMagic = data
        otherMagic[0] ^= 0x01
        #expect(TokenizerVocabularyCache.decode(otherMagic) == nil)
        // One entry more than the payload holds.
        var count = data
        count[TokenizerVocabularyCache.magic.count] &+= 1
        #expect(TokenizerVocabularyCache.decode(count) == nil)
        // A token twice, and bytes that are not UTF-8.
        func payload(_ entries: [(id: UInt32, bytes: [UInt8])]) -> Data {
            var data = TokenizerVocabularyCache.magic
            data.appendLittleEndian(UInt32(entries.count))
            for entry in entries {
                data.appendLittleEndian(entry.id)
                data.appendLittleEndian(UInt32(entry.bytes.count))
                data.append(contentsOf: entry.bytes)
            }
            return data
        }
        #expect(TokenizerVocabularyCache.decode(payload([(1, Array("a".utf8)), (2, Array("b".utf8))]))?.dictionary == ["a": 1, "b": 2])
        #expect(TokenizerVocabularyCache.decode(payload([(1, Array("a".utf8)), (2, Array("a".utf8))])) == nil)
        // Out of byte order (an entry of the id-ordered first format, say).
        #expect(TokenizerVocabularyCache.decode(payload([(1, Array("b".utf8)), (2, Array("a".utf8))])) == nil)
        var firstFormat = payload([(1, Array("a".utf8))])
        firstFormat.replaceSubrange(0..<TokenizerVocabularyCache.magic.count, with: Data("SEEKVOCAB1".utf8))
        #expect(TokenizerVocabularyCache.decode(firstFormat) == nil)
        #expect(TokenizerVocabularyCache.decode(payload([(1, [0xC3, 0x28])])) == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOAtTheEntrysPathIsNotReadAndIsReplaced() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        let entry = TokenizerVocabularyCache(directory: scratch.url).fileURL(tokenizerSHA256: ContentHash.sha256Hex(try Self.tokenizerData()))
        #expect(mkfifo(entry.path, 0o600) == 0)
        let tokenizer = try WordPieceTokenizer(contentsOf: TokenizerFixture.url("tokenizer.json"), vocabularyCacheDirectory: scratch.url)
        #expect(tokenizer.encode("Hello, world!") == [101, 7592, 1010, 2088, 999, 102])
        #expect(CacheEntryFile.unseal(try Data(contentsOf: entry)).flatMap(TokenizerVocabularyCache.decode)?.dictionary == (try Self.fileVocabulary()))
    }

    @Test func aCacheThatCannotBeWrittenOnlyCostsTheDecoding() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        // The cache "directory" is a file: nothing can be written under it.
        let blocked = try scratch.write("not a directory", to: "tokenizers")
        let tokenizer = try WordPieceTokenizer(contentsOf: TokenizerFixture.url("tokenizer.json"), vocabularyCacheDirectory: blocked)
        #expect(tokenizer.encode("Hello, world!") == [101, 7592, 1010, 2088, 999, 102])
        #expect(try String(contentsOf: blocked, encoding: .utf8) == "not a directory")
    }

    @Test func anInvalidTokenizerIsStillRefusedAndLeavesNoEntry() throws {
        let scratch = try TemporaryDirectory("seek-vocabulary-cache")
        defer { scratch.remove() }
        let data = try TokenizerFixture.modifiedFile { json in
            var model = json["model"] as? [String: Any] ?? [:]
            model["unk_token"] = "[NOT-THERE]"
            json["model"] = model
        }
        #expect(throws: EmbeddingError.self) {
            try WordPieceTokenizer(data: data, path: "/m/tokenizer.json", vocabularyCacheDirectory: scratch.url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func modelFilesKeepVocabulariesUnderTheCacheRootEvenForAnExplicitDirectory() throws {
        let root = URL(fileURLWithPath: "/tmp/seek-cache-root")
        let store = ModelStore(configuration: ModelStoreConfiguration(explicitDirectory: URL(fileURLWithPath: "/models/mine"), cacheRoot: root))
        #expect(store.vocabularyCacheDirectory == root.appendingPathComponent(".tokenizers"))
    }
}
