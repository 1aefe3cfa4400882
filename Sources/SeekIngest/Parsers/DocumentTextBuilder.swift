import SeekCore

/// Builds an `ExtractedDocument`'s text while tracking Unicode scalar offsets, either with explicit
/// segments (pages, sheets, slides) or with heading marks that become an outline of sections.
struct DocumentTextBuilder {
    /// The text so far.
    private(set) var text = ""
    /// Unicode scalars in `text`.
    private(set) var scalarCount = 0
    private var trailingNewlines = 0
    private var explicitSegments: [DocumentSegment] = []
    private var headings: [HeadingMark] = []

    /// A heading: where its section starts, its level (smaller is higher) and its title.
    struct HeadingMark: Equatable {
        var offset: Int
        var level: Int
        var title: String
    }

    /// True when no text was appended yet.
    var isEmpty: Bool { scalarCount == 0 }

    /// True when the text is empty or ends with a newline.
    var isAtLineStart: Bool { scalarCount == 0 || trailingNewlines > 0 }

    /// Newlines at the end of the text.
    var trailingNewlineCount: Int { trailingNewlines }

    /// Appends `piece` as is.
    mutating func append(_ piece: String) {
        guard !piece.isEmpty else { return }
        var newlines = 0
        var count = 0
        for scalar in piece.unicodeScalars {
            count += 1
            newlines = scalar == "\n" ? newlines + 1 : 0
        }
        trailingNewlines = newlines == count ? trailingNewlines + newlines : newlines
        scalarCount += count
        text += piece
    }

    /// Ends the current line unless the text is empty or already ends one.
    mutating func breakLine() {
        if !isEmpty, trailingNewlines == 0 { append("\n") }
    }

    /// Ends the current paragraph with a blank line unless the text is empty or already ends so.
    mutating func breakParagraph() {
        guard !isEmpty else { return }
        if trailingNewlines < 2 { append(String(repeating: "\n", count: 2 - trailingNewlines)) }
    }

    /// Appends `body` as its own paragraph block and records it as one segment (whitespace at its
    /// ends is not part of the segment; an all-whitespace body adds nothing).
    mutating func appendSegment(
        _ body: String, headingPath: [String] = [], page: Int? = nil, layout: DocumentSegment.Layout = .prose
    ) {
        let trimmed = body.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else { return }
        breakParagraph()
        let start = scalarCount
        append(trimmed)
        explicitSegments.append(DocumentSegment(start: start, end: scalarCount, headingPath: headingPath, page: page, layout: layout))
    }

    /// Starts a section at the current end of the text (call `breakParagraph()` first). Headings
    /// with an empty title are ignored.
    mutating func markHeading(level: Int, title: String) {
        markHeading(level: level, title: title, at: scalarCount)
    }

    /// Starts a section at scalar offset `offset` (where the heading's text began).
    mutating func markHeading(level: Int, title: String, at offset: Int) {
        let title = title.collapsingWhitespace()
        guard !title.isEmpty else { return }
        headings.append(HeadingMark(offset: offset, level: level, title: title))
    }

    /// The first heading's title, if any.
    var firstHeadingTitle: String? { headings.first?.title }

    /// The finished document: trailing whitespace dropped; segments are the explicit ones, or else the
    /// sections made by the heading marks (none when there is no heading: the text is one segment).
    func document(title: String?, metadata: [String: String]) -> ExtractedDocument {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last.isWhitespaceScalar { scalars.removeLast() }
        let finalText = scalars.count == scalarCount ? text : String(scalars: scalars)
        let segments: [DocumentSegment]
        if !explicitSegments.isEmpty {
            segments = explicitSegments
        } else if !headings.isEmpty {
            segments = Self.outlineSegments(headings: headings, scalars: scalars)
        } else {
            segments = []
        }
        return ExtractedDocument(text: finalText, title: title, metadata: metadata, segments: segments)
    }

    /// Sections between consecutive headings with their heading paths (text before the first
    /// heading gets an empty path), each trimmed of surrounding whitespace; empty sections dropped.
    static func outlineSegments(headings: [HeadingMark], scalars: [Unicode.Scalar]) -> [DocumentSegment] {
        var segments: [DocumentSegment] = []
        var path: [HeadingMark] = []
        func addSection(from start: Int, to end: Int, headingPath: [String]) {
            var start = min(start, scalars.count)
            var end = min(end, scalars.count)
            while start < end, scalars[start].isWhitespaceScalar { start += 1 }
            while end > start, scalars[end - 1].isWhitespaceScalar { end -= 1 }
            if start < end { segments.append(DocumentSegment(start: start, end: end, headingPath: headingPath)) }
        }
        let ordered = headings.sorted { $0.offset < $1.offset }
        addSection(from: 0, to: ordered.first?.offset ?? scalars.count, headingPath: [])
        for (index, heading) in ordered.enumerated() {
            while let top = path.last, top.level >= heading.level { path.removeLast() }
            path.append(heading)
            let end = index + 1 < ordered.count ? ordered[index + 1].offset : scalars.count
            addSection(from: heading.offset, to: end, headingPath: path.map(\.title))
        }
        return segments
    }
}
