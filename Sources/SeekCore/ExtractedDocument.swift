/// The text a parser extracted from one file, with the structure the chunker needs.
///
/// All offsets in Seek are Unicode scalar offsets into `text` (what Python calls character
/// indices), so an agent can slice the extracted text with them directly.
public struct ExtractedDocument: Sendable, Equatable {
    /// The extracted plain text.
    public var text: String
    /// Document title: front matter, `<title>`, first heading or document properties; nil when unknown.
    public var title: String?
    /// Parser-specific metadata (Markdown front matter keys, PDF info, sheet names...).
    public var metadata: [String: String]
    /// Ordered, non-overlapping spans of `text`. Chunks never cross a segment boundary
    /// (headings, pages, sheets, slides). Text outside every segment is not chunked.
    /// Empty means the whole text is one prose segment.
    public var segments: [DocumentSegment]
    /// Links, wikilinks, embeds, tags and front-matter relations, in the order written (front
    /// matter first). Empty for formats without links.
    public var links: [DocumentLink]
    /// Other names of the document (front-matter `aliases`) that wikilinks may use.
    public var aliases: [String]

    public init(text: String, title: String? = nil, metadata: [String: String] = [:], segments: [DocumentSegment] = [],
                links: [DocumentLink] = [], aliases: [String] = []) {
        self.text = text
        self.title = title
        self.metadata = metadata
        self.segments = segments
        self.links = links
        self.aliases = aliases
    }
}
