import Foundation
import SeekCore

/// OpenDocument spreadsheets (ODS): one `.records` segment per sheet (`table:table`), in order,
/// with the sheet name as heading path; rows written like XLSX and CSV rows ("Name: x | City: y"
/// under a header row, else "A: x | B: y").
///
/// Cell values: numbers from `office:value` (integers without ".0"), dates from
/// `office:date-value` ("2024-03-01", "2024-03-01 14:30:00"), everything else as displayed (the
/// cell's paragraphs joined by spaces). Repeated rows and columns (`number-rows-repeated`,
/// `number-columns-repeated`) are expanded up to `maxRepeat` times; repeated empty ones only move
/// the position. Title: `meta.xml` `dc:title`. Metadata: `sheets` (names joined with ", ").
public struct ODSParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "ods"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Limits for reading the archive.
    public let configuration: OfficeParserConfiguration

    /// Most copies written of one repeated non-empty row or cell.
    static let maxRepeat = 100

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
        for sheet in content.sheets {
            builder.appendSegment(SpreadsheetRowWriter.lines(for: sheet.rows).joined(separator: "\n"), headingPath: [sheet.name], layout: .records)
        }
        let title = ElementTextCollector.title(in: "meta.xml", of: archive)
        return builder.document(title: title, metadata: ["sheets": content.sheets.map(\.name).joined(separator: ", ")])
    }

    private struct ContentHandler: XMLEventHandling {
        struct Sheet {
            var name: String
            var rows: [SpreadsheetRowWriter.Row] = []
        }

        var sheets: [Sheet] = []
        private var row: SpreadsheetRowWriter.Row?
        private var rowRepeat = 1
        private var column = 0
        private var cell: (repeatCount: Int, value: String?, isText: Bool, paragraphs: [String])?
        private var paragraph: String?
        private var skipDepth = 0

        mutating func startElement(_ name: String, attributes: [String: String]) {
            if skipDepth > 0 || name == "annotation" {
                skipDepth += 1
                return
            }
            switch name {
            case "table":
                sheets.append(Sheet(name: attributes.attribute("name") ?? "Sheet \(sheets.count + 1)"))
            case "table-row":
                row = SpreadsheetRowWriter.Row()
                rowRepeat = attributes.attribute("number-rows-repeated").flatMap { Int($0) } ?? 1
                column = 0
            case "table-cell", "covered-table-cell":
                let repeatCount = attributes.attribute("number-columns-repeated").flatMap { Int($0) } ?? 1
                let type = attributes.attribute("value-type")
                var value: String?
                switch type {
                case "float", "percentage", "currency":
                    value = attributes.attribute("value").flatMap { Double($0) }.map(SpreadsheetValueFormatter.formatNumber)
                case "date":
                    value = attributes.attribute("date-value").map { $0.replacingOccurrences(of: "T", with: " ") }
                case "boolean":
                    value = attributes.attribute("boolean-value").map { $0.uppercased() }
                default: break
                }
                cell = (repeatCount, value, type == nil || type == "string", [])
            case "p", "h":
                if cell != nil { paragraph = "" }
            case "s":
                paragraph? += String(repeating: " ", count: attributes.attribute("c").flatMap { Int($0) } ?? 1)
            case "tab":
                paragraph? += "\t"
            case "line-break":
                paragraph? += " "
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            switch name {
            case "p", "h":
                if let text = paragraph { cell?.paragraphs.append(text) }
                paragraph = nil
            case "table-cell", "covered-table-cell":
                guard let finished = cell else { return }
                cell = nil
                let text = (finished.value ?? finished.paragraphs.joined(separator: " ")).collapsingWhitespace()
                if text.isEmpty {
                    column += finished.repeatCount
                    return
                }
                for _ in 0..<min(finished.repeatCount, ODSParser.maxRepeat) {
                    row?.cells.append(SpreadsheetRowWriter.Cell(column: column, text: text, isText: finished.isText))
                    column += 1
                }
            case "table-row":
                guard let finished = row, !sheets.isEmpty else { return }
                row = nil
                guard !finished.cells.isEmpty else { return }
                for _ in 0..<min(rowRepeat, ODSParser.maxRepeat) { sheets[sheets.count - 1].rows.append(finished) }
            default: break
            }
        }

        mutating func characters(_ text: String) {
            guard skipDepth == 0, paragraph != nil else { return }
            paragraph? += text
        }
    }
}
