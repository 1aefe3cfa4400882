/// Where a result's chunk lies in its file's extracted text.
public struct ChunkLocation: Sendable, Equatable, Codable {
    /// 0-based position of the chunk in its file.
    public var ordinal: Int
    /// Unicode scalar offset into the extracted text, inclusive.
    public var start: Int
    /// Unicode scalar offset into the extracted text, exclusive.
    public var end: Int

    public init(ordinal: Int, start: Int, end: Int) {
        self.ordinal = ordinal
        self.start = start
        self.end = end
    }
}
