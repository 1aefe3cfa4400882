/// How good a place the boundary before a token is for ending a chunk, worst to best.
@_spi(Testing) public enum CutQuality: Int, Comparable, Sendable {
    /// Inside a word, or between tokens that share source characters: never cut here.
    case none
    /// Between two words with nothing between them (`foo|.` or between CJK characters).
    case wordStart
    /// Whitespace between the words.
    case whitespace
    /// After a sentence end (`.`, `!`, `?` and closing quotes, then whitespace; CJK `。！？`).
    case sentenceEnd
    /// A line break between the words.
    case lineBreak
    /// A blank line (two or more line breaks) between the words.
    case paragraphBreak

    public static func < (lhs: CutQuality, rhs: CutQuality) -> Bool { lhs.rawValue < rhs.rawValue }
}
