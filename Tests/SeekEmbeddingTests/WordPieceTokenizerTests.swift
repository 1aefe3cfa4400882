import Foundation
import SeekCore
import SeekEmbedding
import Testing

/// Test fixtures of the tokenizer, found next to this file so the suite runs from any directory.
enum TokenizerFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    private static let shared = Result { try WordPieceTokenizer(contentsOf: url("tokenizer.json")) }

    /// The all-MiniLM-L6-v2 tokenizer, loaded once per test process.
    static func tokenizer() throws -> WordPieceTokenizer { try shared.get() }

    /// The fixture tokenizer.json after `change` edits its top-level JSON object.
    static func modifiedFile(_ change: (inout [String: Any]) -> Void) throws -> Data {
        let data = try Data(contentsOf: url("tokenizer.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&json)
        return try JSONSerialization.data(withJSONObject: json)
    }
}

struct WordPieceTokenizerTests {
    // MARK: Loading and validation

    @Test func loadsTheModelTokenizerAndItsSpecialTokens() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        #expect(tokenizer.vocabularySize == 30522)
        #expect(tokenizer.maxTokens == 256)
        #expect(try tokenizer.tokens(for: [tokenizer.clsTokenId, tokenizer.sepTokenId, tokenizer.padTokenId, tokenizer.unknownTokenId])
            == ["[CLS]", "[SEP]", "[PAD]", "[UNK]"])
        let ids = tokenizer.encode("Hello, world!")
        #expect(try tokenizer.tokens(for: ids) == ["[CLS]", "hello", ",", "world", "!", "[SEP]"])
    }

    @Test func tokensForAnUnknownIdThrows() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        #expect(throws: EmbeddingError.self) { try tokenizer.tokens(for: [101, 40_000]) }
        #expect(throws: EmbeddingError.self) { try tokenizer.tokens(for: [-1]) }
    }

    @Test func missingFileIsReportedWithItsPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seek-\(UUID().uuidString)/tokenizer.json")
        do {
            _ = try WordPieceTokenizer(contentsOf: url)
            Issue.record("a missing tokenizer.json loaded")
        } catch let error as EmbeddingError {
            guard case .missingFile(let path, _) = error else { throw error }
            #expect(path == url.path)
            #expect(error.description.contains("seek model fetch"))
        }
    }

    @Test func truncatedJsonIsAnInvalidFileNamingThePath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seek-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("tokenizer.json")
        let data = try Data(contentsOf: TokenizerFixture.url("tokenizer.json"))
        try data.prefix(data.count / 2).write(to: url)
        let reason = invalidFileReason(path: url.path) { try WordPieceTokenizer(contentsOf: url) }
        #expect(reason?.contains("not valid JSON") == true)
    }

    @Test func rejectsBpeAndUnigramTokenizers() throws {
        let bpe = #"{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}, "normalizer": null, "pre_tokenizer": {"type": "ByteLevel"}}"#
        let bpeReason = invalidFileReason(path: "/m/bpe.json") { try WordPieceTokenizer(data: Data(bpe.utf8), path: "/m/bpe.json") }
        #expect(bpeReason?.contains("BPE") == true)
        let unigram = #"{"model": {"type": "Unigram", "vocab": [["<unk>", 0.0], ["a", -1.5]], "unk_id": 0}}"#
        let unigramReason = invalidFileReason(path: "/m/u.json") { try WordPieceTokenizer(data: Data(unigram.utf8), path: "/m/u.json") }
        #expect(unigramReason?.contains("Unigram") == true)
    }

    @Test func rejectsFilesMissingWhatWordPieceNeeds() throws {
        let changes: [(String, (inout [String: Any]) -> Void)] = [
            ("model.vocab", { json in
                var model = json["model"] as? [String: Any] ?? [:]
                model["vocab"] = nil
                json["model"] = model
            }),
            ("BertNormalizer", { json in json["normalizer"] = ["type": "NFC"] }),
            ("BertPreTokenizer", { json in json["pre_tokenizer"] = ["type": "Whitespace"] }),
            ("unknown", { json in
                var model = json["model"] as? [String: Any] ?? [:]
                model["unk_token"] = "<unk>"
                json["model"] = model
            }),
            ("model", { json in json["model"] = nil }),
            ("gives id 101 to both \"[CLS]\" and \"hello\"", { json in
                var model = json["model"] as? [String: Any] ?? [:]
                var vocab = model["vocab"] as? [String: Any] ?? [:]
                vocab["hello"] = 101
                model["vocab"] = vocab
                json["model"] = model
            }),
            ("negative id -5", { json in
                var model = json["model"] as? [String: Any] ?? [:]
                var vocab = model["vocab"] as? [String: Any] ?? [:]
                vocab["world"] = -5
                model["vocab"] = vocab
                json["model"] = model
            }),
        ]
        for (expected, change) in changes {
            let data = try TokenizerFixture.modifiedFile(change)
            let reason = invalidFileReason(path: "/models/tok.json") { try WordPieceTokenizer(data: data, path: "/models/tok.json") }
            #expect(reason?.contains(expected) == true, "\(reason ?? "no error")")
        }
    }

    @Test func rejectsAMaxTokensTooSmallForSpecialTokens() throws {
        let data = try Data(contentsOf: TokenizerFixture.url("tokenizer.json"))
        #expect(throws: EmbeddingError.self) { try WordPieceTokenizer(data: data, maxTokens: 2) }
        #expect(try WordPieceTokenizer(data: data, maxTokens: 3).encode("hello world").count == 3)
    }

    // MARK: Encoding

    @Test func emptyAndWhitespaceOnlyTextsAreJustSpecialTokens() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        for text in ["", " ", "\t\n\r\u{00A0}\u{3000}", "\u{0}\u{200B}\u{FEFF}"] {
            #expect(tokenizer.encode(text) == [tokenizer.clsTokenId, tokenizer.sepTokenId])
            #expect(tokenizer.tokenSpans(text).isEmpty)
        }
    }

    @Test func truncatesAMegabyteStringToMaxTokens() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let sentence = "The boundary layer separates near the trailing edge of the swept wing. "
        let big = String(repeating: sentence, count: 1_000_000 / sentence.utf8.count + 1)
        #expect(big.utf8.count > 1_000_000)
        let ids = tokenizer.encode(big)
        #expect(ids.count == tokenizer.maxTokens)
        #expect(ids.first == tokenizer.clsTokenId && ids.last == tokenizer.sepTokenId)
        let small = String(repeating: sentence, count: 40)
        #expect(ids == tokenizer.encode(small))
        #expect(Array(ids.dropFirst().dropLast()) == tokenizer.tokenSpans(small).prefix(254).map(\.id))
    }

    @Test func wordsOverOneHundredCharactersAreOneUnknownToken() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let spans = tokenizer.tokenSpans("x " + String(repeating: "a", count: 150) + " y")
        #expect(spans.map(\.id) == tokenizer.tokenSpans("x").map(\.id) + [tokenizer.unknownTokenId] + tokenizer.tokenSpans("y").map(\.id))
        #expect(spans[1].start == 2 && spans[1].end == 152 && spans[1].startsWord)
        #expect(tokenizer.tokenSpans(String(repeating: "a", count: 100)).allSatisfy { $0.id != tokenizer.unknownTokenId })
    }

    @Test func invalidUtf8BecomesReplacementCharactersThatAreDropped() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let bytes: [UInt8] = Array("caf".utf8) + [0xC3] + Array("e hi".utf8) + [0xFF, 0xFE, 0x80] + Array(" end".utf8) + [0xE2, 0x82]
        #expect(tokenizer.encode(utf8: bytes) == tokenizer.encode("cafe hi end"))
        #expect(tokenizer.encode(utf8: [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80]) == [tokenizer.clsTokenId, tokenizer.sepTokenId])
        #expect(tokenizer.encode(utf8: Data("Grüße".utf8)) == tokenizer.encode("Grüße"))
    }

    @Test func specialTokensInTextAreMatchedExactly() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let spans = tokenizer.tokenSpans("a[SEP]b [mask]")
        #expect(try tokenizer.tokens(for: spans.map(\.id)) == ["a", "[SEP]", "b", "[", "mask", "]"])
        #expect(spans[1] == TokenSpan(id: tokenizer.sepTokenId, start: 1, end: 6, startsWord: true))
        #expect(spans[2].startsWord)
    }

    // MARK: Token spans

    @Test func spansOfPlainTextPointAtTheirSourceCharacters() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let text = "Supersonic flow past a yawed cone: pressure-distribution measurements (1958), M=6.8!"
        let scalars = Array(text.unicodeScalars)
        let spans = tokenizer.tokenSpans(text)
        #expect(spans.count > 15)
        for span in spans {
            var source = String.UnicodeScalarView()
            source.append(contentsOf: scalars[span.start..<span.end])
            let piece = try tokenizer.tokens(for: [span.id])[0]
            #expect(String(source).lowercased() == (span.startsWord ? piece : String(piece.dropFirst(2))))
            #expect(span.startsWord == !piece.hasPrefix("##"))
        }
    }

    @Test func spansOfNormalizedTextStayMonotonicAndInBounds() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let texts = [
            "ﬁnance Ǆ İstanbul 한국어 e\u{301}\u{327} 中文テキスト 👩‍💻 x\u{1D165}\u{301}\u{1D16D}",
            "Ünïcödé\u{200B}soft\u{AD}hyphen \u{0}\u{7} [CLS]ΟΔΟΣ",
        ]
        for text in texts {
            let count = text.unicodeScalars.count
            let spans = tokenizer.tokenSpans(text)
            #expect(!spans.isEmpty)
            for (previous, span) in zip([nil] + spans.map(Optional.some), spans) {
                #expect(span.start >= 0 && span.start < span.end && span.end <= count)
                if let previous { #expect(previous.start <= span.start && previous.end <= span.end) }
            }
        }
    }

    /// The chunker's contract: cutting the text before a token that starts a word (and does not share
    /// its source characters with the token before) tokenizes both halves exactly as the whole.
    @Test func cuttingBeforeAWordStartKeepsBothHalvesTokenization() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let text = "Café déjà-vu: the naïve 3.14 [SEP]façade — 中文 text, ﬁnal\u{200B}word; 한국어 e\u{301}x!"
        let scalars = Array(text.unicodeScalars)
        let spans = tokenizer.tokenSpans(text)
        var cuts = 0
        for index in 1..<spans.count where spans[index].startsWord && spans[index].start >= spans[index - 1].end {
            var head = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<spans[index].start])
            var tail = String.UnicodeScalarView()
            tail.append(contentsOf: scalars[spans[index].start...])
            #expect(tokenizer.tokenSpans(String(head)).map(\.id) == spans[..<index].map(\.id))
            #expect(tokenizer.tokenSpans(String(tail)).map(\.id) == spans[index...].map(\.id))
            cuts += 1
        }
        #expect(cuts > 20)
    }

    @Test func normalizerFlagsComeFromTheFile() throws {
        let cased = try WordPieceTokenizer(data: TokenizerFixture.modifiedFile { json in
            json["normalizer"] = ["type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": false, "strip_accents": true, "lowercase": false]
        })
        let uncased = try TokenizerFixture.tokenizer()
        #expect(try cased.tokens(for: cased.encode("Élan café 中文")) == ["[CLS]", "[UNK]", "cafe", "中", "##文", "[SEP]"])
        #expect(try uncased.tokens(for: uncased.encode("Élan café 中文")) == ["[CLS]", "el", "##an", "cafe", "中", "文", "[SEP]"])
    }

    /// Runs `body`, expecting `EmbeddingError.invalidFile` for `path`; returns its reason.
    private func invalidFileReason(path: String, _ body: () throws -> WordPieceTokenizer) -> String? {
        do {
            _ = try body()
            Issue.record("an invalid tokenizer.json loaded")
        } catch let error as EmbeddingError {
            guard case .invalidFile(let errorPath, let reason, _) = error else {
                Issue.record("expected invalidFile, got \(error)")
                return nil
            }
            #expect(errorPath == path)
            #expect(error.description.contains(path))
            return reason
        } catch {
            Issue.record("expected EmbeddingError, got \(error)")
        }
        return nil
    }
}
