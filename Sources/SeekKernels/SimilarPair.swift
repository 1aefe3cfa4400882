/// Two rows of a matrix and the dot product of their vectors (`first < second`).
public struct SimilarPair: Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var score: Float

    public init(first: Int, second: Int, score: Float) {
        self.first = first
        self.second = second
        self.score = score
    }

    /// Best first: higher score, then lower first row, then lower second row.
    public static func ranksBefore(_ a: SimilarPair, _ b: SimilarPair) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.first != b.first { return a.first < b.first }
        return a.second < b.second
    }
}
