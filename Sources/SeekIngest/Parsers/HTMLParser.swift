import Foundation
import SeekCore

/// HTML: the visible text only, with paragraphs kept as blank-line-separated blocks.
///
/// Dropped: `<head>` (except `<title>`), script, style, noscript, template, comments. Character
/// references are decoded (named, decimal, hex). Block elements (p, div, li, h1-h6, tr, section...)
/// and `<br>` become line breaks; table cells are joined with " | ". Title: `<title>`, else the first
/// `<h1>`. Headings h1...h6 make sections with heading paths, like Markdown.
///
/// Encoding: a byte order mark, else the `<meta charset>` / `http-equiv` declaration in the first
/// 1,024 bytes, else `TextDecoder`'s detection.
public struct HTMLParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "html"
    /// Bumped whenever this parser's output changes (2: charset detection with uchardet, BOM-less UTF-16 of any script;
    /// 3: `<a href>` links to local files).
    public let version = 3

    /// Creates the parser.
    public init() {}

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        let declared = Self.declaredEncoding(in: data)
        let decoded = try TextParser.decodeText(data, path: url.path, parser: name, declaredEncoding: declared)
        var extractor = HTMLTextExtractor(html: decoded.text)
        return extractor.extract(metadata: ["encoding": decoded.encoding.name])
    }

    /// The encoding a `<meta>` tag in the first 1,024 bytes declares, when Seek can decode it
    /// (UTF-8, a built-in code page, or any charset iconv knows: Shift_JIS, GB2312, KOI8-R...).
    static func declaredEncoding(in data: Data) -> DetectedEncoding? {
        let head = SingleByteCodePage.isoLatin1.decode(data.prefix(1024)).lowercased()
        guard let match = head.firstMatch(of: #/<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)/#) else { return nil }
        let encoding = DetectedEncoding(charsetLabel: String(match.output.1))
        // A page cannot declare UTF-16 or UTF-32 in ASCII bytes: such a label is wrong.
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian: return nil
        default: return encoding
        }
    }
}
