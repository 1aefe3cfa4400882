import Foundation
import SeekCore

/// OpenDocument text (ODT): the body of `content.xml`.
///
/// `text:p` paragraphs become blocks separated by blank lines, `text:h` headings make sections at
/// their `text:outline-level`; `text:s` (with its count), `text:tab` and `text:line-break` become
/// spaces, tabs and line breaks, and other whitespace collapses as the format prescribes. Tables
/// become one line per row with cells joined by " | ". Footnotes, annotations and tracked deletions
/// are left out. Title: `meta.xml` `dc:title`, else the first heading.
public struct ODTParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "odt"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Limits for reading the archive.
    public let configuration: OfficeParserConfiguration

    /// Creates the parser with `configuration` (defaults when omitted).
    public init(configuration: OfficeParserConfiguration = OfficeParserConfiguration()) {
        self.configuration = configuration
    }

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let archive = try OfficeArchive(url: url, parser: name, configuration: configuration)
        var content = ContentHandler()
        try archive.read("content.xml", data: try archive.requiredData(of: "content.xml"), into: &content)
        let builder = content.writer.builder
        let title = ElementTextCollector.title(in: "meta.xml", of: archive) ?? builder.firstHeadingTitle
        return builder.document(title: title, metadata: [:])
    }

    private struct ContentHandler: XMLEventHandling {
        var writer = OfficeTextWriter(separator: .blankLine)
        private var inBody = false
        private var skipDepth = 0
        private var headingLevels: [Int?] = []
        private var pendingSpace = false

        /// Elements whose content is not running text.
        private static let skipped: Set<String> = ["note", "annotation", "tracked-changes", "sequence-decls", "forms"]

        mutating func startElement(_ name: String, attributes: [String: String]) {
            if name == "body" { inBody = true }
            guard inBody else { return }
            if skipDepth > 0 || Self.skipped.contains(name) {
                skipDepth += 1
                return
            }
            switch name {
            case "p":
                beginParagraph(level: nil)
            case "h":
                beginParagraph(level: attributes.attribute("outline-level").flatMap { Int($0) } ?? 1)
            case "s":
                let count = attributes.attribute("c").flatMap { Int($0) } ?? 1
                appendLiteral(String(repeating: " ", count: max(1, min(count, 1000))))
            case "tab":
                appendLiteral("\t")
            case "line-break":
                appendLiteral("\n")
            case "table": writer.beginTable()
            case "table-row": writer.beginRow()
            case "table-cell": writer.beginCell()
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            guard inBody else { return }
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            switch name {
            case "p", "h":
                let level = headingLevels.popLast() ?? nil
                writer.endParagraph(headingLevel: level)
                pendingSpace = false
            case "table": writer.endTable()
            case "table-row": writer.endRow()
            case "table-cell": writer.endCell()
            case "body": inBody = false
            default: break
            }
        }

        /// Text with XML whitespace collapsed to single spaces (ODF 6.1.2).
        mutating func characters(_ text: String) {
            guard inBody, skipDepth == 0, writer.isInParagraph else { return }
            var piece = ""
            for scalar in text.unicodeScalars {
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                    pendingSpace = true
                } else {
                    if pendingSpace { piece.append(" ") }
                    pendingSpace = false
                    piece.unicodeScalars.append(scalar)
                }
            }
            writer.appendText(piece)
        }

        private mutating func beginParagraph(level: Int?) {
            writer.beginParagraph()
            headingLevels.append(level)
            pendingSpace = false
        }

        private mutating func appendLiteral(_ text: String) {
            if pendingSpace { writer.appendText(" ") }
            pendingSpace = false
            writer.appendText(text)
        }
    }
}
