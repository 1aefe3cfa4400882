import SeekCore

/// A short excerpt of a chunk around the query's words, with the matching words marked.
public struct Snippet: Sendable, Equatable {
    /// The excerpt on one line (whitespace runs collapsed); "…" marks a cut at either end.
    public var text: String
    /// The query words in `text`, ascending, non-overlapping.
    public var highlights: [HighlightRange]

    public init(text: String, highlights: [HighlightRange]) {
        self.text = text
        self.highlights = highlights
    }
}
