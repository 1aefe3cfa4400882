import Foundation
import SeekCore

extension WordPieceTokenizer {
    /// Everything `init(data:)` reads from a `tokenizer.json`.
    struct Parts {
        var normalizer: BertNormalizer
        var model: WordPieceModel
        var addedTokens: AddedTokenMatcher
        var tokensById: [String?]
        var clsTokenId: Int32
        var sepTokenId: Int32
        var padTokenId: Int32
    }

    /// Decodes and validates a `tokenizer.json`; every failure names `path` and what is wrong.
    /// With a `vocabularyCache`, the vocabulary comes from it when it has this file's (the rest is
    /// still decoded and everything validated), and is recorded there after a successful decoding.
    static func parse(_ data: Data, path: String, vocabularyCache: TokenizerVocabularyCache? = nil) throws -> Parts {
        func invalid(_ reason: String) -> EmbeddingError {
            .invalidFile(path: path, reason: reason, hint: hint)
        }
        let tokenizerSHA256 = vocabularyCache.map { _ in ContentHash.sha256Hex(data) }
        let cachedVocabulary = tokenizerSHA256.flatMap { vocabularyCache?.vocabulary(tokenizerSHA256: $0) }
        let file: TokenizerFile
        do {
            let decoder = JSONDecoder()
            if cachedVocabulary != nil { decoder.userInfo[TokenizerFile.skipsVocabulary] = true }
            file = try decoder.decode(TokenizerFile.self, from: data)
        } catch let error as DecodingError {
            throw invalid(describe(error))
        } catch {
            throw invalid("not a tokenizer.json (\(error))")
        }

        guard file.model.type == "WordPiece" else {
            throw invalid("model type is \(file.model.type), expected WordPiece (a BERT tokenizer)")
        }
        guard let normalizerConfig = file.normalizer, normalizerConfig.type == "BertNormalizer" else {
            throw invalid("normalizer is \(file.normalizer?.type ?? "missing"), expected BertNormalizer")
        }
        guard let preTokenizer = file.preTokenizer, preTokenizer.type == "BertPreTokenizer" else {
            throw invalid("pre_tokenizer is \(file.preTokenizer?.type ?? "missing"), expected BertPreTokenizer")
        }
        guard let vocabulary = cachedVocabulary ?? file.model.vocab.map(SortedVocabulary.init), vocabulary.count > 0 else {
            throw invalid("model.vocab is missing or empty")
        }

        if let negative = vocabulary.ids.indices.filter({ vocabulary.ids[$0] < 0 }).map({ (token: vocabulary.token($0), id: vocabulary.ids[$0]) })
            .min(by: { $0.token < $1.token }) {
            throw invalid("model.vocab gives \"\(negative.token)\" the negative id \(negative.id)")
        }
        let largestId = max(vocabulary.ids.max() ?? 0, file.addedTokens?.map(\.id).max() ?? 0)
        guard largestId < 10_000_000 else { throw invalid("token id \(largestId) is implausibly large") }
        var tokensById = [String?](repeating: nil, count: Int(largestId) + 1)
        func record(_ token: String, id: Int32, source: String) throws {
            guard id >= 0 else { throw invalid("\(source) gives \"\(token)\" the negative id \(id)") }
            if let existing = tokensById[Int(id)], existing != token {
                let names = [existing, token].sorted()
                throw invalid("\(source) gives id \(id) to both \"\(names[0])\" and \"\(names[1])\"")
            }
            tokensById[Int(id)] = token
        }
        for index in 0..<vocabulary.count {
            try record(vocabulary.token(index), id: vocabulary.ids[index], source: "model.vocab")
        }

        var addedTokens: [AddedTokenMatcher.Token] = []
        for added in file.addedTokens ?? [] {
            guard added.normalized != true, added.singleWord != true, added.lstrip != true, added.rstrip != true else {
                throw invalid("added token \"\(added.content)\" uses normalized/single_word/lstrip/rstrip matching, which Seek does not support")
            }
            try record(added.content, id: added.id, source: "added_tokens")
            addedTokens.append(.init(scalars: added.content.unicodeScalars.map(\.value), id: added.id))
        }

        func id(of token: String, role: String) throws -> Int32 {
            if let id = vocabulary.id(of: token) { return id }
            if let added = file.addedTokens?.first(where: { $0.content == token }) { return added.id }
            throw invalid("the \(role) token \(token) is not in the vocabulary")
        }
        let unknownToken = file.model.unkToken ?? "[UNK]"
        let unknownTokenId = try id(of: unknownToken, role: "unknown (model.unk_token)")
        let maxInputChars = file.model.maxInputCharsPerWord ?? 100
        guard maxInputChars > 0 else { throw invalid("model.max_input_chars_per_word is \(maxInputChars)") }
        let (clsTokenId, sepTokenId) = try specialTokenIds(file.postProcessor, vocabularyId: id, invalid: invalid)
        let padTokenId = try file.padding?.padId ?? id(of: "[PAD]", role: "padding")
        for (role, tokenId) in [("[CLS]", clsTokenId), ("[SEP]", sepTokenId), ("padding", padTokenId)] {
            guard tokenId >= 0, Int(tokenId) < tokensById.count, tokensById[Int(tokenId)] != nil else {
                throw invalid("the \(role) token id \(tokenId) is not in the vocabulary")
            }
        }

        let lowercase = normalizerConfig.lowercase ?? true
        let normalizer = BertNormalizer(
            cleansText: normalizerConfig.cleanText ?? true,
            isolatesChineseCharacters: normalizerConfig.handleChineseChars ?? true,
            stripsAccents: normalizerConfig.stripAccents ?? lowercase,
            lowercases: lowercase)
        let model = WordPieceModel(
            vocabulary: vocabulary, unknownTokenId: unknownTokenId,
            continuingSubwordPrefix: file.model.continuingSubwordPrefix ?? "##",
            maxInputCharactersPerWord: maxInputChars)
        if cachedVocabulary == nil, let vocabularyCache, let tokenizerSHA256 {
            vocabularyCache.record(vocabulary, tokenizerSHA256: tokenizerSHA256)
        }
        return Parts(
            normalizer: normalizer, model: model, addedTokens: AddedTokenMatcher(addedTokens), tokensById: tokensById,
            clsTokenId: clsTokenId, sepTokenId: sepTokenId, padTokenId: padTokenId)
    }

    /// `[CLS]` and `[SEP]` ids from the post-processor (`TemplateProcessing` or `BertProcessing`),
    /// or the vocabulary's `[CLS]` and `[SEP]` when the file has none.
    private static func specialTokenIds(
        _ processor: TokenizerFile.PostProcessor?, vocabularyId: (String, String) throws -> Int32,
        invalid: (String) -> EmbeddingError
    ) throws -> (cls: Int32, sep: Int32) {
        guard let processor else {
            return (try vocabularyId("[CLS]", "[CLS]"), try vocabularyId("[SEP]", "[SEP]"))
        }
        switch processor.type {
        case "BertProcessing":
            guard let cls = processor.cls, let sep = processor.sep else {
                throw invalid("post_processor BertProcessing lacks cls or sep")
            }
            return (cls.id, sep.id)
        case "TemplateProcessing":
            guard let single = processor.single, single.count == 3,
                let first = single.first?.specialToken?.id, let last = single.last?.specialToken?.id
            else {
                throw invalid("post_processor template is not [CLS] $A [SEP]")
            }
            func templateId(_ name: String) throws -> Int32 {
                if let ids = processor.specialTokens?[name]?.ids, ids.count == 1 { return ids[0] }
                return try vocabularyId(name, "post_processor")
            }
            return (try templateId(first), try templateId(last))
        default:
            throw invalid("post_processor is \(processor.type), expected TemplateProcessing or BertProcessing")
        }
    }

    /// A one-line reason for a JSON decoding failure, with the key path.
    private static func describe(_ error: DecodingError) -> String {
        func keyPath(_ context: DecodingError.Context, _ last: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (last.map { [$0] } ?? [])
            let path = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "the top level" : path
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON (truncated or corrupt)"
        case .dataCorrupted(let context):
            return "\(keyPath(context)) is invalid: \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(keyPath(context, key)) is missing"
        case .typeMismatch(let type, let context):
            return "\(keyPath(context)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(keyPath(context)) is null, expected a \(type)"
        @unknown default:
            return "cannot decode it (\(error))"
        }
    }
}
