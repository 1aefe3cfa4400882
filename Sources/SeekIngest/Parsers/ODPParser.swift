import Foundation
import SeekCore

/// OpenDocument presentations (ODP): one segment per slide (`draw:page`), in order, heading path
/// `["Slide N: <title>"]` (or `["Slide N"]` without a title frame), like PPTX.
///
/// A slide's text is every paragraph of its frames, one per line (table rows with cells joined by
/// " | "); date, footer, header and page-number frames are left out. Speaker notes
/// (`presentation:notes`) follow as "Notes: ...". Title: `meta.xml` `dc:title`, else the first
/// slide title. Metadata: `slides` (count).
public struct ODPParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "odp"
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
        var builder = DocumentTextBuilder()
        for (index, slide) in content.slides.enumerated() {
            var text = slide.lines.joined(separator: "\n")
            if !slide.notes.isEmpty { text += "\n\nNotes: " + slide.notes.joined(separator: "\n") }
            let heading = slide.title.map { "Slide \(index + 1): \($0)" } ?? "Slide \(index + 1)"
            builder.appendSegment(text, headingPath: [heading])
        }
        let title = ElementTextCollector.title(in: "meta.xml", of: archive) ?? content.slides.lazy.compactMap(\.title).first
        return builder.document(title: title, metadata: ["slides": String(content.slides.count)])
    }

    private struct ContentHandler: XMLEventHandling {
        struct Slide {
            var title: String?
            var lines: [String] = []
            var notes: [String] = []
        }

        var slides: [Slide] = []
        private var frameClasses: [String?] = []
        private var inNotes = false
        private var paragraph: String?
        private var cellParagraphs: [String]?
        private var rowCells: [String]?

        /// Frame classes whose text is not slide content.
        private static let ignoredClasses: Set<String> = ["date-time", "footer", "header", "page-number", "page"]

        private var isIgnored: Bool {
            frameClasses.contains { $0.map(Self.ignoredClasses.contains) ?? false }
        }

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "page" where !inNotes:
                slides.append(Slide())
            case "notes":
                inNotes = true
            case "frame", "custom-shape", "rect":
                frameClasses.append(attributes["presentation:class"])
            case "p", "h":
                if !slides.isEmpty, !isIgnored, paragraph == nil { paragraph = "" }
            case "s":
                paragraph? += String(repeating: " ", count: attributes.attribute("c").flatMap { Int($0) } ?? 1)
            case "tab":
                paragraph? += "\t"
            case "line-break":
                paragraph? += "\n"
            case "table-row":
                rowCells = []
            case "table-cell":
                cellParagraphs = []
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            switch name {
            case "notes":
                inNotes = false
            case "frame", "custom-shape", "rect":
                _ = frameClasses.popLast()
            case "p", "h":
                guard let text = paragraph?.collapsingWhitespace() else { return }
                paragraph = nil
                guard !text.isEmpty, !slides.isEmpty else { return }
                if cellParagraphs != nil {
                    cellParagraphs?.append(text)
                } else if inNotes {
                    slides[slides.count - 1].notes.append(text)
                } else {
                    if frameClasses.last == "title", slides[slides.count - 1].title == nil { slides[slides.count - 1].title = text }
                    slides[slides.count - 1].lines.append(text)
                }
            case "table-cell":
                if let cell = cellParagraphs, !cell.isEmpty { rowCells?.append(cell.joined(separator: " ")) }
                cellParagraphs = nil
            case "table-row":
                if let cells = rowCells, !cells.isEmpty, !slides.isEmpty {
                    let line = cells.joined(separator: " | ")
                    if inNotes { slides[slides.count - 1].notes.append(line) } else { slides[slides.count - 1].lines.append(line) }
                }
                rowCells = nil
            default: break
            }
        }

        mutating func characters(_ text: String) {
            guard paragraph != nil else { return }
            paragraph? += text
        }
    }
}
