extension FTSQueryBuilder {
    /// Every word of `text` in order, lowercased, repeats kept, stopwords kept: the maximal runs
    /// of token characters (`isTokenCharacter`), as FTS5's unicode61 tokenizer splits them.
    /// `terms(in:)` and pseudo-relevance feedback's term counts both start from this.
    public func words(in text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Self.isTokenCharacter(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current).lowercased()) }
        return words
    }

    /// Whether `word` (lowercased) is one of the English stopwords keyword queries drop.
    public static func isStopword(_ word: String) -> Bool {
        EnglishStopwords.words.contains(word)
    }
}
