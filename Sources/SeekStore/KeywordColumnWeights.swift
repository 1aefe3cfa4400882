/// BM25 weight of each full-text column (FTS5 `bm25(table, w...)`).
public struct KeywordColumnWeights: Sendable, Equatable {
    /// Weight of the chunk text. Default 1.
    public var text: Double
    /// Weight of the document title (or file name). Default 1.
    public var title: Double
    /// Weight of the file path. Default 1.
    public var path: Double

    public init(text: Double = 1, title: Double = 1, path: Double = 1) {
        self.text = text
        self.title = title
        self.path = path
    }
}
