/// A marked span of a snippet: Unicode scalar offsets into the snippet text.
public struct HighlightRange: Sendable, Equatable, Codable {
    /// First marked scalar, inclusive.
    public var start: Int
    /// One past the last marked scalar.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
