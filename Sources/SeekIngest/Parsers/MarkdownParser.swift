import Foundation
import SeekCore

/// Markdown: YAML front matter into metadata (removed from the text), sections by ATX (`#`...`######`)
/// and setext (`===` / `---` underlines) headings, each segment carrying its heading path.
///
/// The text keeps the Markdown source (minus front matter): emphasis and links stay readable and the
/// offsets map straight back to the file. `#` lines inside fenced code blocks are not headings. The
/// title is front matter `title`, else the first heading, else nil. Text before the first heading is a
/// segment with an empty heading path.
///
/// Hand-written line scanner: no Markdown library is available here, and only block-level headings
/// and fences matter for sectioning.
public struct MarkdownParser: DocumentParser {
    public let name = "markdown"
    public let version = 1

    public init() {}

    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        let decoded = try TextParser.decodeText(data, path: url.path, parser: name)
        return parse(markdown: decoded.text, path: url.path, encoding: decoded.encoding)
    }

    /// Parses already decoded Markdown text (LF line endings).
    func parse(markdown: String, path: String, encoding: DetectedEncoding) -> ExtractedDocument {
        var metadata: [String: String] = [:]
        var body = Substring(markdown)
        if let frontMatter = MarkdownFrontMatter(parsing: markdown, path: path) {
            metadata = frontMatter.metadata
            body = frontMatter.body
            while body.first == "\n" { body = body.dropFirst() }
        }
        metadata["encoding"] = encoding.name
        var scalars = Array(body.unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        let headings = Self.headings(in: scalars)
        let segments = headings.isEmpty ? [] : DocumentTextBuilder.outlineSegments(headings: headings, scalars: scalars)
        let frontMatterTitle = metadata["title"].map { $0.collapsingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        return ExtractedDocument(
            text: String(String.UnicodeScalarView(scalars)),
            title: frontMatterTitle ?? headings.first?.title,
            metadata: metadata,
            segments: segments
        )
    }

    // MARK: - Block scanning

    /// The ATX and setext headings of `scalars`, each marked at the start of its first line.
    static func headings(in scalars: [Unicode.Scalar]) -> [DocumentTextBuilder.HeadingMark] {
        var headings: [DocumentTextBuilder.HeadingMark] = []
        var openFence: (marker: Unicode.Scalar, length: Int)?
        var paragraph: (start: Int, lines: [String])?
        var lineStart = 0
        while lineStart <= scalars.count {
            let lineEnd = scalars[lineStart...].firstIndex(of: "\n") ?? scalars.count
            let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
            defer { lineStart = lineEnd + 1 }
            let indent = line.unicodeScalars.prefix { $0 == " " }.count
            let content = line.unicodeScalars.dropFirst(indent)

            if let fence = openFence {
                if indent <= 3, Self.fence(in: content).map({ $0.marker == fence.marker && $0.length >= fence.length && $0.isBare }) == true {
                    openFence = nil
                }
                continue
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                paragraph = nil
                continue
            }
            if indent <= 3, let fence = Self.fence(in: content) {
                openFence = (fence.marker, fence.length)
                paragraph = nil
                continue
            }
            if indent <= 3, let (level, title) = Self.atxHeading(in: content) {
                headings.append(.init(offset: lineStart, level: level, title: cleanedInline(title)))
                paragraph = nil
                continue
            }
            if indent <= 3, let current = paragraph, let level = Self.setextLevel(of: content) {
                let title = cleanedInline(current.lines.joined(separator: " "))
                if !title.isEmpty { headings.append(.init(offset: current.start, level: level, title: title)) }
                paragraph = nil
                continue
            }
            if var current = paragraph {
                current.lines.append(line)
                paragraph = current
            } else if indent <= 3, !Self.startsNonParagraphBlock(content) {
                paragraph = (lineStart, [line])
            }
        }
        return headings
    }

    /// A code fence opening or closing line: 3+ backticks or tildes. `isBare` when nothing follows.
    private static func fence(in content: Substring.UnicodeScalarView) -> (marker: Unicode.Scalar, length: Int, isBare: Bool)? {
        guard let marker = content.first, marker == "`" || marker == "~" else { return nil }
        let length = content.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        let rest = content.dropFirst(length)
        if marker == "`", rest.contains("`") { return nil }
        return (marker, length, rest.allSatisfy { $0 == " " || $0 == "\t" })
    }

    /// Level and raw title of an ATX heading line (`## Title ##`).
    private static func atxHeading(in content: Substring.UnicodeScalarView) -> (Int, String)? {
        let level = content.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = content.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var title = Substring(String(String.UnicodeScalarView(rest))).trimmingTrailingSpaces()
        // Closing sequence: trailing #s preceded by a space (or making up the whole title).
        let withoutHashes = title.prefix(title.count - title.reversed().prefix { $0 == "#" }.count)
        if withoutHashes.isEmpty || withoutHashes.last == " " || withoutHashes.last == "\t" {
            title = withoutHashes
        }
        return (level, String(title).trimmingWhitespaceAndNewlines())
    }

    /// 1 for a `===` underline, 2 for a `---` underline, else nil.
    private static func setextLevel(of content: Substring.UnicodeScalarView) -> Int? {
        let trimmed = Substring(String(String.UnicodeScalarView(content))).trimmingTrailingSpaces()
        guard let first = trimmed.first, first == "=" || first == "-", trimmed.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// Lines that cannot start a paragraph (so cannot be a setext heading's text): list items,
    /// block quotes, tables, HTML blocks and thematic breaks.
    private static func startsNonParagraphBlock(_ content: Substring.UnicodeScalarView) -> Bool {
        let text = String(String.UnicodeScalarView(content))
        if text.hasPrefix(">") || text.hasPrefix("|") || text.hasPrefix("<") { return true }
        if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { return true }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let after = text.dropFirst(digits.count)
            if after.hasPrefix(". ") || after.hasPrefix(") ") { return true }
        }
        let compact = text.filter { $0 != " " && $0 != "\t" }
        if compact.count >= 3, let first = compact.first, "-*_".contains(first), compact.allSatisfy({ $0 == first }) { return true }
        return false
    }

    /// Heading text without inline Markdown: links and images keep their text, code spans and
    /// emphasis markers are dropped.
    static func cleanedInline(_ title: String) -> String {
        var result = title.replacing(#/!?\[([^\]]*)\]\([^)]*\)/#) { String($0.output.1) }
        result = result.replacing("**", with: "").replacing("__", with: "")
        result = result.filter { $0 != "`" && $0 != "*" }
        return result.collapsingWhitespace()
    }
}
