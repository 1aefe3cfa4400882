import Foundation
import SeekCore

/// Word documents (DOCX): the body text of `word/document.xml`.
///
/// Paragraphs (`w:p`) become blocks separated by blank lines; `w:tab` is a tab, `w:br`/`w:cr` a line
/// break; tables become one line per row with cells joined by " | ". Paragraphs styled as headings
/// make sections: style names "heading 1"..."heading 9" (from `word/styles.xml`, so localized style
/// ids work), "Title" (level 0, above Heading 1), or an outline level. Deleted revisions, field codes
/// and the VML fallback copies of text boxes (`mc:Fallback`) are skipped. Headers, footers, comments
/// and footnotes are not indexed. Title: `docProps/core.xml` `dc:title`, else the first heading.
public struct DOCXParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "docx"
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
        let body = try archive.requiredData(of: "word/document.xml")
        var styles = StylesCollector()
        if let stylesData = try archive.data(of: "word/styles.xml") {
            try archive.read("word/styles.xml", data: stylesData, into: &styles)
        }
        var document = BodyHandler(styles: styles.styles)
        try archive.read("word/document.xml", data: body, into: &document)
        let builder = document.writer.builder
        let title = ElementTextCollector.title(in: "docProps/core.xml", of: archive) ?? builder.firstHeadingTitle
        return builder.document(title: title, metadata: [:])
    }

    // MARK: - styles.xml

    private struct Style {
        var name = ""
        var basedOn: String?
        var outlineLevel: Int?
    }

    private struct StylesCollector: XMLEventHandling {
        var styles: [String: Style] = [:]
        private var currentID: String?
        private var current = Style()

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "style":
                currentID = attributes.attribute("styleId")
                current = Style()
            case "name" where currentID != nil:
                current.name = attributes.attribute("val") ?? ""
            case "basedOn" where currentID != nil:
                current.basedOn = attributes.attribute("val")
            case "outlineLvl" where currentID != nil:
                current.outlineLevel = attributes.attribute("val").flatMap { Int($0) }
            default:
                break
            }
        }

        mutating func endElement(_ name: String) {
            guard name == "style", let id = currentID else { return }
            styles[id] = current
            currentID = nil
        }

        mutating func characters(_ text: String) {}
    }

    // MARK: - document.xml

    private struct BodyHandler: XMLEventHandling {
        let styles: [String: Style]
        var writer = OfficeTextWriter(separator: .blankLine)
        private var paragraphStyles: [String?] = []
        private var paragraphOutlineLevels: [Int?] = []
        private var runDepth = 0
        private var inText = false
        private var skipDepth = 0

        /// Elements whose content is not document text.
        private static let skipped: Set<String> = ["Fallback", "delText", "instrText", "moveFrom", "pPrChange", "rPrChange"]

        init(styles: [String: Style]) {
            self.styles = styles
        }

        mutating func startElement(_ name: String, attributes: [String: String]) {
            if skipDepth > 0 || Self.skipped.contains(name) {
                skipDepth += 1
                return
            }
            switch name {
            case "p":
                writer.beginParagraph()
                paragraphStyles.append(nil)
                paragraphOutlineLevels.append(nil)
            case "pStyle" where !paragraphStyles.isEmpty:
                paragraphStyles[paragraphStyles.count - 1] = attributes.attribute("val")
            case "outlineLvl" where !paragraphOutlineLevels.isEmpty && runDepth == 0:
                paragraphOutlineLevels[paragraphOutlineLevels.count - 1] = attributes.attribute("val").flatMap { Int($0) }
            case "r":
                runDepth += 1
            case "t" where runDepth > 0:
                inText = true
            case "tab" where runDepth > 0:
                writer.appendText("\t")
            case "br", "cr":
                if runDepth > 0 { writer.appendText("\n") }
            case "noBreakHyphen" where runDepth > 0:
                writer.appendText("-")
            case "tbl": writer.beginTable()
            case "tr": writer.beginRow()
            case "tc": writer.beginCell()
            default:
                break
            }
        }

        mutating func endElement(_ name: String) {
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            switch name {
            case "p":
                let style = paragraphStyles.popLast() ?? nil
                let outline = paragraphOutlineLevels.popLast() ?? nil
                writer.endParagraph(headingLevel: headingLevel(style: style, outlineLevel: outline))
            case "r": runDepth = max(0, runDepth - 1)
            case "t": inText = false
            case "tbl": writer.endTable()
            case "tr": writer.endRow()
            case "tc": writer.endCell()
            default: break
            }
        }

        mutating func characters(_ text: String) {
            if inText, skipDepth == 0 { writer.appendText(text) }
        }

        /// 0 for Title, 1...9 for headings, nil for body text. An explicit outline level 9 means
        /// "body text" in Word.
        private func headingLevel(style: String?, outlineLevel: Int?) -> Int? {
            if let outlineLevel { return outlineLevel < 9 ? outlineLevel + 1 : nil }
            var id = style
            var visited = Set<String>()
            while let current = id, visited.insert(current).inserted {
                if let level = Self.level(styleName: styles[current]?.name ?? current) { return level }
                if let level = styles[current]?.outlineLevel { return level < 9 ? level + 1 : nil }
                id = styles[current]?.basedOn
            }
            return nil
        }

        /// Level of a built-in heading style name ("heading 2", "Heading2", "Title").
        private static func level(styleName: String) -> Int? {
            let compact = styleName.lowercased().filter { $0 != " " }
            if compact == "title" { return 0 }
            guard compact.hasPrefix("heading"), let digit = Int(compact.dropFirst("heading".count)), (1...9).contains(digit) else {
                return nil
            }
            return digit
        }
    }
}
