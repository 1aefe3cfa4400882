/// What the chunker needs from the model's tokenizer. Implemented by `WordPieceTokenizer`
/// in SeekEmbedding; declared here so ingest does not depend on the embedding engine.
public protocol TextTokenizing: Sendable {
    /// Longest model input in tokens, special tokens included (256 for all-MiniLM-L6-v2).
    var maxTokens: Int { get }
    /// Id of the token that opens every input (`[CLS]`).
    var clsTokenId: Int32 { get }
    /// Id of the token that closes every input (`[SEP]`).
    var sepTokenId: Int32 { get }
    /// The tokens of `text`, without special tokens and without truncation, in order,
    /// each with the Unicode scalar offsets of the source text it came from.
    func tokenSpans(_ text: String) -> [TokenSpan]
}
