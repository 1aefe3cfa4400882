/// The parts of a Hugging Face `tokenizer.json` a BERT WordPiece tokenizer needs.
///
/// Keys keep the file's snake_case spelling. `model` decodes its `type` first so that a BPE or
/// Unigram file fails with "model type is BPE" instead of a confusing vocabulary type mismatch.
struct TokenizerFile: Decodable {
    /// Set to `true` in the decoder's `userInfo` to leave `model.vocab` out (nil): the caller has
    /// it from `TokenizerVocabularyCache`, and decoding it is most of the file's decoding time.
    static let skipsVocabulary = CodingUserInfoKey(rawValue: "seek.skipsVocabulary")!

    struct Model: Decodable {
        var type: String
        var vocab: [String: Int32]?
        var unkToken: String?
        var continuingSubwordPrefix: String?
        var maxInputCharsPerWord: Int?

        enum CodingKeys: String, CodingKey {
            case type, vocab
            case unkToken = "unk_token"
            case continuingSubwordPrefix = "continuing_subword_prefix"
            case maxInputCharsPerWord = "max_input_chars_per_word"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decodeIfPresent(String.self, forKey: .type) ?? "(none)"
            guard type == "WordPiece" else { return }
            if decoder.userInfo[TokenizerFile.skipsVocabulary] as? Bool != true {
                vocab = try container.decodeIfPresent([String: Int32].self, forKey: .vocab)
            }
            unkToken = try container.decodeIfPresent(String.self, forKey: .unkToken)
            continuingSubwordPrefix = try container.decodeIfPresent(String.self, forKey: .continuingSubwordPrefix)
            maxInputCharsPerWord = try container.decodeIfPresent(Int.self, forKey: .maxInputCharsPerWord)
        }
    }

    struct Normalizer: Decodable {
        var type: String
        var cleanText: Bool?
        var handleChineseChars: Bool?
        var stripAccents: Bool?
        var lowercase: Bool?

        enum CodingKeys: String, CodingKey {
            case type
            case cleanText = "clean_text"
            case handleChineseChars = "handle_chinese_chars"
            case stripAccents = "strip_accents"
            case lowercase
        }
    }

    struct PreTokenizer: Decodable {
        var type: String
    }

    struct AddedToken: Decodable {
        var id: Int32
        var content: String
        var singleWord: Bool?
        var lstrip: Bool?
        var rstrip: Bool?
        var normalized: Bool?

        enum CodingKeys: String, CodingKey {
            case id, content, lstrip, rstrip, normalized
            case singleWord = "single_word"
        }
    }

    /// `TemplateProcessing` (`single` template and `special_tokens`) or `BertProcessing` (`cls`, `sep`).
    struct PostProcessor: Decodable {
        struct TemplatePiece: Decodable {
            struct SpecialToken: Decodable {
                var id: String
            }

            var specialToken: SpecialToken?

            enum CodingKeys: String, CodingKey {
                case specialToken = "SpecialToken"
            }
        }

        struct SpecialToken: Decodable {
            var ids: [Int32]
        }

        /// A `["[CLS]", 101]` pair of `BertProcessing`.
        struct NamedId: Decodable {
            var name: String
            var id: Int32

            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                name = try container.decode(String.self)
                id = try container.decode(Int32.self)
            }
        }

        var type: String
        var single: [TemplatePiece]?
        var specialTokens: [String: SpecialToken]?
        var cls: NamedId?
        var sep: NamedId?

        enum CodingKeys: String, CodingKey {
            case type, single, cls, sep
            case specialTokens = "special_tokens"
        }
    }

    struct Padding: Decodable {
        var padId: Int32?

        enum CodingKeys: String, CodingKey {
            case padId = "pad_id"
        }
    }

    var model: Model
    var normalizer: Normalizer?
    var preTokenizer: PreTokenizer?
    var addedTokens: [AddedToken]?
    var postProcessor: PostProcessor?
    var padding: Padding?

    enum CodingKeys: String, CodingKey {
        case model, normalizer, padding
        case preTokenizer = "pre_tokenizer"
        case addedTokens = "added_tokens"
        case postProcessor = "post_processor"
    }
}
