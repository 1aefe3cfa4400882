/// One model token with the place in the source text it came from. The chunker holds one per
/// token of a whole document: the 8-byte fields come first so an instance takes 24 bytes, not 32.
public struct TokenSpan: Sendable, Equatable {
    /// Unicode scalar offset of the first source character of this token, inclusive.
    public var start: Int
    /// Unicode scalar offset one past the last source character of this token.
    public var end: Int
    /// Vocabulary id.
    public var id: Int32
    /// True when this token begins a pre-tokenizer word (not a `##` continuation piece):
    /// cutting the text before it leaves the tokenization of both halves unchanged.
    public var startsWord: Bool

    public init(id: Int32, start: Int, end: Int, startsWord: Bool) {
        self.id = id
        self.start = start
        self.end = end
        self.startsWord = startsWord
    }
}
