import Foundation
import SeekCore

/// The BERT WordPiece tokenizer of a Hugging Face `tokenizer.json` (all-MiniLM-L6-v2's), reproducing
/// the `tokenizers` library id for id: added-token splitting, `BertNormalizer`, `BertPreTokenizer`,
/// greedy longest-match-first WordPiece, `[CLS]`/`[SEP]` around the sequence.
///
/// Unlike the file's own `truncation` section, inputs are truncated at `maxTokens` (the model's
/// `max_seq_length`), special tokens included.
public struct WordPieceTokenizer: TextTokenizing, Sendable {
    /// Longest model input in tokens, `[CLS]` and `[SEP]` included.
    public let maxTokens: Int
    /// Id of `[CLS]`, which opens every input.
    public let clsTokenId: Int32
    /// Id of `[SEP]`, which closes every input.
    public let sepTokenId: Int32
    /// Id of `[PAD]`, which fills batches to a common length.
    public let padTokenId: Int32
    /// Id of `[UNK]`, the token of words the vocabulary cannot spell.
    public var unknownTokenId: Int32 { model.unknownTokenId }
    /// Number of distinct token ids (vocabulary and added tokens).
    public let vocabularySize: Int

    let normalizer: BertNormalizer
    let model: WordPieceModel
    let addedTokens: AddedTokenMatcher
    /// Token text by id; nil where no token has that id.
    let tokensById: [String?]

    /// Loads and validates a `tokenizer.json`.
    ///
    /// - Parameters:
    ///   - url: The `tokenizer.json` file.
    ///   - maxTokens: Longest input in tokens, `[CLS]` and `[SEP]` included (256, all-MiniLM-L6-v2's
    ///     `max_seq_length`); at least 3.
    ///   - vocabularyCacheDirectory: Where decoded vocabularies are kept between processes (see
    ///     `TokenizerVocabularyCache`; `ModelFiles.vocabularyCacheDirectory`), or nil to decode the
    ///     JSON every time. The result is the same either way.
    /// - Throws: `EmbeddingError.missingFile` when the file is absent, `EmbeddingError.invalidFile`
    ///   when it is unreadable or not a BERT WordPiece tokenizer, `EmbeddingError.invalidInput` when
    ///   `maxTokens` is below 3.
    public init(contentsOf url: URL, maxTokens: Int = 256, vocabularyCacheDirectory: URL? = nil) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                throw EmbeddingError.missingFile(path: url.path, hint: Self.hint)
            }
            throw EmbeddingError.invalidFile(path: url.path, reason: "cannot read it (\(error.localizedDescription))", hint: Self.hint)
        }
        try self.init(data: data, path: url.path, maxTokens: maxTokens, vocabularyCacheDirectory: vocabularyCacheDirectory)
    }

    /// Parses and validates the contents of a `tokenizer.json`.
    ///
    /// - Parameters:
    ///   - data: The file contents.
    ///   - path: Where the data came from, for error messages.
    ///   - maxTokens: Longest input in tokens, `[CLS]` and `[SEP]` included; at least 3.
    ///   - vocabularyCacheDirectory: Where decoded vocabularies are kept between processes, or nil.
    /// - Throws: `EmbeddingError.invalidFile` naming `path` and the problem, or
    ///   `EmbeddingError.invalidInput` when `maxTokens` is below 3.
    public init(data: Data, path: String = "tokenizer.json", maxTokens: Int = 256, vocabularyCacheDirectory: URL? = nil) throws {
        guard maxTokens >= 3 else {
            throw EmbeddingError.invalidInput(reason: "maxTokens is \(maxTokens), but an input needs [CLS], [SEP] and at least one token (>= 3)")
        }
        let parts = try Self.parse(data, path: path, vocabularyCache: vocabularyCacheDirectory.map(TokenizerVocabularyCache.init(directory:)))
        self.maxTokens = maxTokens
        clsTokenId = parts.clsTokenId
        sepTokenId = parts.sepTokenId
        padTokenId = parts.padTokenId
        normalizer = parts.normalizer
        model = parts.model
        addedTokens = parts.addedTokens
        tokensById = parts.tokensById
        vocabularySize = parts.tokensById.count { $0 != nil }
    }

    /// Model input ids of `text`: `[CLS]`, its first `maxTokens - 2` tokens, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        var spans: [TokenSpan] = []
        appendTokenSpans(of: text, limit: maxTokens - 2, to: &spans)
        var ids: [Int32] = []
        ids.reserveCapacity(spans.count + 2)
        ids.append(clsTokenId)
        for span in spans { ids.append(span.id) }
        ids.append(sepTokenId)
        return ids
    }

    /// Model input ids of UTF-8 `bytes`, as `encode(_:)`. Invalid UTF-8 sequences become U+FFFD,
    /// which text cleaning deletes.
    public func encode(utf8 bytes: some Collection<UInt8>) -> [Int32] {
        encode(String(decoding: bytes, as: UTF8.self))
    }

    /// All tokens of `text`, without special tokens and without truncation, each with the Unicode
    /// scalar offsets of the source text it came from (see `TokenSpan`).
    ///
    /// Offsets are exact where normalization keeps one scalar per source scalar; a source scalar that
    /// normalizes to several (a Hangul syllable, a decomposed ligature) gives all its tokens its own
    /// offsets. Starts never decrease and all offsets lie within `text`.
    public func tokenSpans(_ text: String) -> [TokenSpan] {
        var spans: [TokenSpan] = []
        appendTokenSpans(of: text, limit: Int.max, to: &spans)
        return spans
    }

    /// The token text of each id (`[CLS]`, `hello`, `##ing`...).
    /// - Throws: `EmbeddingError.invalidInput` for an id that is not in the vocabulary.
    public func tokens(for ids: [Int32]) throws -> [String] {
        try ids.map { id in
            guard id >= 0, Int(id) < tokensById.count, let token = tokensById[Int(id)] else {
                throw EmbeddingError.invalidInput(reason: "token id \(id) is not in the vocabulary (\(vocabularySize) tokens)")
            }
            return token
        }
    }

    static let hint = "Seek needs the tokenizer.json of sentence-transformers/all-MiniLM-L6-v2; run `seek model fetch` to restore it."
}
