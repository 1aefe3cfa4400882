/// A span of an `ExtractedDocument` that chunks stay inside: a Markdown section, a PDF page,
/// a spreadsheet sheet, a slide, or the rows of a CSV file.
public struct DocumentSegment: Sendable, Equatable {
    /// How the chunker may cut inside a segment.
    public enum Layout: String, Sendable, Codable {
        /// Cut at paragraphs, then sentences, then words.
        case prose
        /// Each line is one record (a CSV row): cut only between lines, unless one line alone is too long.
        case records
    }

    /// Unicode scalar offset of the first character, inclusive.
    public var start: Int
    /// Unicode scalar offset one past the last character.
    public var end: Int
    /// Markdown heading path (["Install", "Linux"]), sheet or slide name; empty when none.
    public var headingPath: [String]
    /// 1-based page number where known (PDF), else nil.
    public var page: Int?
    public var layout: Layout

    public init(start: Int, end: Int, headingPath: [String] = [], page: Int? = nil, layout: Layout = .prose) {
        self.start = start
        self.end = end
        self.headingPath = headingPath
        self.page = page
        self.layout = layout
    }
}
