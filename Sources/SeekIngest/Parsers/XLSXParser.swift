import Foundation
import SeekCore

/// Excel workbooks (XLSX): one `.records` segment per worksheet, in workbook order, with the sheet
/// name as heading path; one line per non-empty row.
///
/// Cell values: shared strings, inline strings, formula results, booleans (TRUE/FALSE), errors, and
/// numbers (integers without ".0"; cells with a date format become ISO dates "2024-03-01" or
/// "2024-03-01 14:30:00"). Rows are written like CSV rows: when the first non-empty row holds only
/// distinct text and a row follows, it is the header and rows read "Name: x | City: y"; otherwise
/// cells are named by their column letter, "A: x | B: y".
/// Metadata: `sheets` (names joined with ", "). Title: `docProps/core.xml` `dc:title`, else nil.
public struct XLSXParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "xlsx"
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
        let workbookPart = "xl/workbook.xml"
        var workbook = WorkbookCollector()
        try archive.read(workbookPart, data: try archive.requiredData(of: workbookPart), into: &workbook)
        let relationships = try OfficeRelationships(of: workbookPart, in: archive)

        var sharedStrings = SharedStringsCollector()
        if let data = try archive.data(of: "xl/sharedStrings.xml") {
            try archive.read("xl/sharedStrings.xml", data: data, into: &sharedStrings)
        }
        var styles = SpreadsheetStylesCollector()
        if let data = try archive.data(of: "xl/styles.xml") {
            try archive.read("xl/styles.xml", data: data, into: &styles)
        }
        let formatter = SpreadsheetValueFormatter(
            dateStyleIndexes: styles.dateStyleIndexes, uses1904DateSystem: workbook.uses1904DateSystem)

        var builder = DocumentTextBuilder()
        var sheetNames: [String] = []
        for sheet in workbook.sheets {
            guard let target = relationships[sheet.relationshipID], target.type.hasSuffix("/worksheet") else { continue }
            let data = try archive.requiredData(of: target.target)
            var rows = WorksheetCollector(sharedStrings: sharedStrings.strings, formatter: formatter)
            try archive.read(target.target, data: data, into: &rows)
            sheetNames.append(sheet.name)
            builder.appendSegment(SpreadsheetRowWriter.lines(for: rows.rows).joined(separator: "\n"), headingPath: [sheet.name], layout: .records)
        }
        let title = ElementTextCollector.title(in: "docProps/core.xml", of: archive)
        return builder.document(title: title, metadata: ["sheets": sheetNames.joined(separator: ", ")])
    }

    // MARK: - workbook.xml

    private struct WorkbookCollector: XMLEventHandling {
        struct Sheet {
            var name: String
            var relationshipID: String
        }

        var sheets: [Sheet] = []
        var uses1904DateSystem = false

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "sheet":
                let relationshipID = attributes.first { key, _ in key.hasSuffix(":id") }?.value
                if let sheetName = attributes["name"], let relationshipID {
                    sheets.append(Sheet(name: sheetName, relationshipID: relationshipID))
                }
            case "workbookPr":
                let value = attributes["date1904"]?.lowercased()
                uses1904DateSystem = value == "1" || value == "true"
            default:
                break
            }
        }

        mutating func endElement(_ name: String) {}
        mutating func characters(_ text: String) {}
    }

    // MARK: - sharedStrings.xml

    private struct SharedStringsCollector: XMLEventHandling {
        var strings: [String] = []
        private var current: String?
        private var inText = false
        private var phoneticDepth = 0

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "si": current = ""
            case "t" where phoneticDepth == 0: inText = true
            case "rPh": phoneticDepth += 1
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            switch name {
            case "si":
                strings.append(current ?? "")
                current = nil
            case "t": inText = false
            case "rPh": phoneticDepth = max(0, phoneticDepth - 1)
            default: break
            }
        }

        mutating func characters(_ text: String) {
            if inText { current? += text }
        }
    }

    // MARK: - worksheet

    private struct WorksheetCollector: XMLEventHandling {
        let sharedStrings: [String]
        let formatter: SpreadsheetValueFormatter
        var rows: [SpreadsheetRowWriter.Row] = []
        private var cellColumn = 0
        private var cellType = "n"
        private var cellStyle = 0
        private var value = ""
        private var inlineText = ""
        private var inValue = false
        private var inInlineText = false
        private var nextColumn = 0

        init(sharedStrings: [String], formatter: SpreadsheetValueFormatter) {
            self.sharedStrings = sharedStrings
            self.formatter = formatter
        }

        mutating func startElement(_ name: String, attributes: [String: String]) {
            switch name {
            case "row":
                rows.append(SpreadsheetRowWriter.Row())
                nextColumn = 0
            case "c":
                cellColumn = attributes["r"].flatMap(SpreadsheetValueFormatter.columnIndex(ofReference:)) ?? nextColumn
                nextColumn = cellColumn + 1
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
                value = ""
                inlineText = ""
            case "v": inValue = true
            case "t": inInlineText = true
            default: break
            }
        }

        mutating func endElement(_ name: String) {
            switch name {
            case "v": inValue = false
            case "t": inInlineText = false
            case "c":
                let text = cellText().collapsingWhitespace()
                if !text.isEmpty, !rows.isEmpty {
                    rows[rows.count - 1].cells.append(.init(column: cellColumn, text: text, isText: cellType != "n" && cellType != "d"))
                }
            default: break
            }
        }

        mutating func characters(_ text: String) {
            if inValue { value += text } else if inInlineText { inlineText += text }
        }

        private func cellText() -> String {
            switch cellType {
            case "s":
                guard let index = Int(value.trimmingWhitespaceAndNewlines()), sharedStrings.indices.contains(index) else { return "" }
                return sharedStrings[index]
            case "inlineStr": return inlineText
            case "str", "e", "d": return value
            case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            default: return formatter.formatNumber(value, styleIndex: cellStyle)
            }
        }
    }
}
