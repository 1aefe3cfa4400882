/// Turns any user text into a safe FTS5 MATCH expression: the text's words, each as a quoted
/// FTS5 string, OR-joined so that BM25 ranks chunks by how many (and how rare) terms they hold.
///
/// Words are maximal runs of letters, digits, private-use characters and combining marks — the
/// token characters of FTS5's unicode61 tokenizer — so FTS5 syntax in the input (quotes, `*`,
/// `NEAR`, `AND(`, `-`, `:`, parentheses, `^`) is never interpreted: operators become plain
/// quoted words and punctuation is dropped. Hand-written: no listed library parses FTS5 syntax.
public struct FTSQueryBuilder: Sendable, Equatable {
    /// Most distinct terms kept (the first ones in the text); bounds the cost of a pasted page.
    /// Default 64.
    public var maxTerms: Int
    /// Drops common English words ("the", "of", "what") when the text has other terms. Default true.
    public var removesStopwords: Bool

    public init(maxTerms: Int = 64, removesStopwords: Bool = true) {
        self.maxTerms = maxTerms
        self.removesStopwords = removesStopwords
    }

    /// The searchable terms of `text`: lowercased words, first occurrence order, without duplicates,
    /// without stopwords (unless only stopwords remain), at most `maxTerms`.
    public func terms(in text: String) -> [String] {
        var seen = Set<String>()
        var words = self.words(in: text).filter { seen.insert($0).inserted }
        if removesStopwords {
            let content = words.filter { !EnglishStopwords.words.contains($0) }
            if !content.isEmpty { words = content }
        }
        return Array(words.prefix(max(maxTerms, 1)))
    }

    /// The MATCH expression for `text`: `"term1" OR "term2" ...`. Throws `SearchError.invalidQuery`
    /// when the text has no searchable term (empty, only punctuation or emoji).
    public func matchExpression(for text: String) throws(SearchError) -> String {
        let terms = terms(in: text)
        guard !terms.isEmpty else {
            throw .invalidQuery(reason: "the query has no searchable word for keyword search (only spaces, punctuation or symbols)")
        }
        return terms.map(Self.quoted).joined(separator: " OR ")
    }

    /// An FTS5 string: wrapped in double quotes, inner double quotes doubled.
    static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Letters, digits, private use (unicode61's default token categories) and combining marks
    /// (kept inside words so decomposed accents do not split them).
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse,
             .nonspacingMark, .spacingMark, .enclosingMark:
            true
        default:
            false
        }
    }
}
