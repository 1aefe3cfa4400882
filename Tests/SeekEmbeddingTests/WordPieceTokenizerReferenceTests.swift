import Foundation
import SeekCore
import SeekEmbedding
import Testing

/// Compares the tokenizer with the output of Hugging Face `tokenizers` on the same tokenizer.json.
struct WordPieceTokenizerReferenceTests {
    /// A line of minilm-reference.jsonl (its embedding is not needed here).
    struct ReferenceCase: Decodable {
        var text: String
        var ids: [Int32]
    }

    /// A line of wordpiece-cases.jsonl, written by Tests/Fixtures/generators/wordpiece_cases.py.
    struct GeneratedCase: Decodable {
        var name: String
        var text: String
        var ids: [Int32]
        var offsets: [[Int]]
        var normalizer: [String: Bool]?
    }

    static func lines<Case: Decodable>(of fixture: String, as type: Case.Type) throws -> [Case] {
        let data = try Data(contentsOf: TokenizerFixture.url(fixture))
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Case.self, from: Data($0)) }
    }

    /// The fixture tokenizer, or a copy whose normalizer flags are overridden by `flags`.
    static func tokenizer(normalizer flags: [String: Bool]?) throws -> WordPieceTokenizer {
        guard let flags else { return try TokenizerFixture.tokenizer() }
        return try WordPieceTokenizer(data: TokenizerFixture.modifiedFile { json in
            var normalizer = json["normalizer"] as? [String: Any] ?? [:]
            for (key, value) in flags { normalizer[key] = value }
            json["normalizer"] = normalizer
        })
    }

    /// The 200 texts of minilm-reference.jsonl (edge cases and Cranfield/CISI texts, some far over 256
    /// tokens): every id list identical to the reference, truncation at 256 included.
    @Test func reproducesAllTwoHundredReferenceIdLists() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let cases = try Self.lines(of: "minilm-reference.jsonl", as: ReferenceCase.self)
        #expect(cases.count == 200)
        var identical = 0
        for (index, reference) in cases.enumerated() {
            let ids = tokenizer.encode(reference.text)
            if ids == reference.ids {
                identical += 1
            } else {
                Issue.record("case \(index) \(reference.text.prefix(60).debugDescription): got \(ids.prefix(40)), expected \(reference.ids.prefix(40))")
            }
        }
        #expect(identical == 200)
    }

    /// wordpiece-cases.jsonl: accents, CJK, emoji, ZWJ, control and format characters, combining marks,
    /// long words, special tokens in text, a sweep over every Unicode scalar whose normalization or
    /// class is not plain, and the hand-picked cases again under other normalizer flags. Ids of
    /// `tokenSpans` (untruncated) and of `encode` (truncated) both match.
    @Test func reproducesGeneratedEdgeCaseIds() throws {
        let cases = try Self.lines(of: "wordpiece-cases.jsonl", as: GeneratedCase.self)
        #expect(cases.count > 400)
        var tokenizers: [[String: Bool]: WordPieceTokenizer] = [:]
        for reference in cases {
            let flags = reference.normalizer ?? [:]
            let tokenizer = try tokenizers[flags] ?? Self.tokenizer(normalizer: reference.normalizer)
            tokenizers[flags] = tokenizer
            let spans = tokenizer.tokenSpans(reference.text)
            #expect(spans.map(\.id) == reference.ids, "\(reference.name) \(flags)")
            let expectedInput = [tokenizer.clsTokenId] + reference.ids.prefix(tokenizer.maxTokens - 2) + [tokenizer.sepTokenId]
            #expect(tokenizer.encode(reference.text) == expectedInput, "\(reference.name) \(flags)")
        }
        #expect(tokenizers.count == 6)
    }

    /// Token offsets equal the reference's character offsets (Python characters are Unicode scalars).
    /// One known difference: when NFD reorders surviving combining marks, `tokenizers` keeps the
    /// alignments in place while ours follow the marks (the ids are the same).
    @Test func reproducesGeneratedEdgeCaseOffsets() throws {
        let cases = try Self.lines(of: "wordpiece-cases.jsonl", as: GeneratedCase.self)
        var mismatches: [String] = []
        for reference in cases where reference.normalizer == nil {
            let offsets = try Self.tokenizer(normalizer: nil).tokenSpans(reference.text).map { [$0.start, $0.end] }
            if offsets != reference.offsets { mismatches.append(reference.name) }
        }
        #expect(mismatches == ["combining sequence"])
    }
}
