/// How the `Chunker` cuts documents into model inputs.
public struct ChunkingConfiguration: Sendable, Equatable {
    /// Longest chunk in model tokens, `[CLS]` and `[SEP]` included, so a chunk holds at most
    /// `maxTokens - 2` tokens of text. Default 256, the `max_seq_length` of all-MiniLM-L6-v2; must
    /// not exceed the tokenizer's own `maxTokens`.
    public var maxTokens: Int
    /// Tokens a chunk repeats from the end of the previous chunk of the same segment, so a passage
    /// cut in two is still found whole in one of them. Default 32; at least 0 and less than half
    /// of the `maxTokens - 2` text tokens. Chunks of different segments, and record groups, never overlap.
    public var overlapTokens: Int

    public init(maxTokens: Int = 256, overlapTokens: Int = 32) {
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
    }

    /// Text tokens per chunk: `maxTokens` minus `[CLS]` and `[SEP]`.
    public var maxTextTokens: Int { maxTokens - 2 }

    /// Throws when the values cannot work: fewer than 3 tokens per chunk, a negative overlap, or an
    /// overlap of half a chunk or more (chunks would barely advance).
    public func validate() throws(ChunkingConfigurationError) {
        guard maxTokens >= 3 else {
            throw .invalid(field: "maxTokens", value: maxTokens, reason: "a chunk needs [CLS], [SEP] and at least one text token (>= 3)")
        }
        guard overlapTokens >= 0 else {
            throw .invalid(field: "overlapTokens", value: overlapTokens, reason: "an overlap cannot be negative")
        }
        guard overlapTokens * 2 < maxTextTokens else {
            throw .invalid(
                field: "overlapTokens", value: overlapTokens,
                reason: "must be less than half of the \(maxTextTokens) text tokens of a chunk (maxTokens \(maxTokens) minus [CLS] and [SEP])")
        }
    }
}
