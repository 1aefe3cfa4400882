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
    /// The parser's name, stored with each file it parsed.
    public let name = "markdown"
    /// Bumped whenever this parser's output changes (2: charset detection with uchardet, BOM-less UTF-16 of any script;
    /// 3: links, wikilinks, embeds, tags, front-matter `related` and `aliases`).
    public let version = 3

    /// Creates the parser.
    public init() {}

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        let decoded = try TextParser.decodeText(data, path: url.path, parser: name)
        return parse(markdown: decoded.text, path: url.path, encoding: decoded.encoding)
    }

    /// Parses already decoded Markdown text (LF line endings).
    func parse(markdown: String, path: String, encoding: DetectedEncoding) -> ExtractedDocument {
        var metadata: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var body = Substring(markdown)
        if let frontMatter = MarkdownFrontMatter(parsing: markdown, path: path) {
            metadata = frontMatter.metadata
            lists = frontMatter.lists
            body = frontMatter.body
            while body.first == "\n" { body = body.dropFirst() }
        }
        metadata["encoding"] = encoding.name
        var scalars = Array(body.unicodeScalars)
        while let last = scalars.last, last.isWhitespaceScalar { scalars.removeLast() }
        let headings = Self.headings(in: scalars)
        let segments = headings.isEmpty ? [] : DocumentTextBuilder.outlineSegments(headings: headings, scalars: scalars)
        let frontMatterTitle = metadata["title"].map { $0.collapsingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        let masked = MaskedMarkdown(scalars)
        let inline = (LinkExtractor().links(in: masked) + TagExtractor().tags(in: masked)).enumerated()
            .sorted { ($0.element.offset ?? 0, $0.offset) < ($1.element.offset ?? 0, $1.offset) }.map(\.element)
        let aliases = (lists["aliases"] ?? lists["alias"] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return ExtractedDocument(
            text: String(scalars: scalars),
            title: frontMatterTitle ?? headings.first?.title,
            metadata: metadata,
            segments: segments,
            links: Self.frontMatterLinks(lists) + inline,
            aliases: aliases
        )
    }

    /// Front-matter `tags` (or `tag`) as tags and `related` entries (`"[[Note]]"` or a path) as
    /// `frontmatter` edges.
    static func frontMatterLinks(_ lists: [String: [String]]) -> [DocumentLink] {
        let tags = TagExtractor().frontMatterTags(lists["tags"] ?? lists["tag"] ?? [])
        let related = (lists["related"] ?? []).compactMap { item -> DocumentLink? in
            let text = item.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("[["), text.hasSuffix("]]"), text.count > 4 {
                return LinkExtractor.wikilink(String(text.dropFirst(2).dropLast(2)), embed: false, offset: nil, kind: .frontmatter)
            }
            return LocalLinkTarget(destination: text).map { DocumentLink(kind: .frontmatter, target: $0.path, anchor: $0.anchor) }
        }
        return tags + related
    }

    // MARK: - Block scanning

    /// The ATX and setext headings of `scalars`, each marked at the start of its first line.
    static func headings(in scalars: [Unicode.Scalar]) -> [DocumentTextBuilder.HeadingMark] {
        var headings: [DocumentTextBuilder.HeadingMark] = []
        var openFence: (marker: Unicode.Scalar, length: Int)?
        // Scalar range of the paragraph lines read so far (a setext heading's text).
        var paragraph: Range<Int>?
        var lineStart = 0
        while lineStart <= scalars.count {
            let lineEnd = scalars[lineStart...].firstIndex(of: "\n") ?? scalars.count
            let line = scalars[lineStart..<lineEnd]
            defer { lineStart = lineEnd + 1 }
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)

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
                let title = cleanedInline(String(scalars: scalars[current]))
                if !title.isEmpty { headings.append(.init(offset: current.lowerBound, level: level, title: title)) }
                paragraph = nil
                continue
            }
            if let current = paragraph {
                paragraph = current.lowerBound..<lineEnd
            } else if indent <= 3, !Self.startsNonParagraphBlock(content) {
                paragraph = lineStart..<lineEnd
            }
        }
        return headings
    }

    /// A code fence opening or closing line: 3+ backticks or tildes. `isBare` when nothing follows.
    private static func fence(in content: ArraySlice<Unicode.Scalar>) -> (marker: Unicode.Scalar, length: Int, isBare: Bool)? {
        guard let marker = content.first, marker == "`" || marker == "~" else { return nil }
        let length = content.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        let rest = content.dropFirst(length)
        if marker == "`", rest.contains("`") { return nil }
        return (marker, length, rest.allSatisfy { $0 == " " || $0 == "\t" })
    }

    /// Level and raw title of an ATX heading line (`## Title ##`).
    private static func atxHeading(in content: ArraySlice<Unicode.Scalar>) -> (Int, String)? {
        let level = content.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        var title = content.dropFirst(level)
        guard title.isEmpty || title.first == " " || title.first == "\t" else { return nil }
        while let last = title.last, last == " " || last == "\t" { title.removeLast() }
        // Closing sequence: trailing #s preceded by a space (or making up the whole title).
        let withoutHashes = title.dropLast(title.reversed().prefix { $0 == "#" }.count)
        if withoutHashes.isEmpty || withoutHashes.last == " " || withoutHashes.last == "\t" {
            title = withoutHashes
        }
        return (level, String(scalars: title).trimmingWhitespaceAndNewlines())
    }

    /// 1 for a `===` underline, 2 for a `---` underline, else nil.
    private static func setextLevel(of content: ArraySlice<Unicode.Scalar>) -> Int? {
        var trimmed = content
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        guard let first = trimmed.first, first == "=" || first == "-", trimmed.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// Lines that cannot start a paragraph (so cannot be a setext heading's text): list items,
    /// block quotes, tables, HTML blocks and thematic breaks.
    private static func startsNonParagraphBlock(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = content.first else { return false }
        if first == ">" || first == "|" || first == "<" { return true }
        let second = content.dropFirst().first
        if first == "-" || first == "*" || first == "+", second == " " || second == "\t" { return true }
        let digits = content.prefix { ("0"..."9").contains($0) }.count
        if digits > 0, digits <= 9 {
            let after = content.dropFirst(digits)
            if after.first == "." || after.first == ")", after.dropFirst().first == " " { return true }
        }
        let marks = content.filter { $0 != " " && $0 != "\t" }
        if marks.count >= 3, "-*_".unicodeScalars.contains(first), marks.allSatisfy({ $0 == first }) { return true }
        return false
    }

    /// Heading text without inline Markdown: links and images keep their text (`[text](url)` is
    /// "text"), code span backticks and `*` emphasis markers are dropped, `__` too.
    static func cleanedInline(_ title: String) -> String {
        let scalars = Array(title.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "[" || (scalar == "!" && index + 1 < scalars.count && scalars[index + 1] == "["),
               let link = Self.link(in: scalars, at: scalar == "!" ? index + 1 : index) {
                result.append(contentsOf: link.text)
                index = link.end
                continue
            }
            if scalar == "_", index + 1 < scalars.count, scalars[index + 1] == "_" {
                index += 2
                continue
            }
            if scalar != "`" && scalar != "*" { result.append(scalar) }
            index += 1
        }
        return String(result).collapsingWhitespace()
    }

    /// The text of a `[text](target)` link starting at `open` (a `[`), and the index after its `)`.
    private static func link(in scalars: [Unicode.Scalar], at open: Int) -> (text: ArraySlice<Unicode.Scalar>, end: Int)? {
        guard let close = scalars[(open + 1)...].firstIndex(of: "]"), close + 1 < scalars.count, scalars[close + 1] == "(",
              let end = scalars[(close + 2)...].firstIndex(of: ")")
        else { return nil }
        return (scalars[(open + 1)..<close].filter { $0 != "`" && $0 != "*" }[...], end + 1)
    }
}
