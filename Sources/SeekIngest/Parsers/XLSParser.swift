import CSV
import Foundation
import SeekCore

/// Excel 97-2003 workbooks (`.xls`) through `xls2csv` (Debian package catdoc): one `.records`
/// segment per worksheet, in workbook order, written like XLSX rows ("Name: x | City: y" under a
/// header row, else "A: x | B: y").
///
/// xls2csv prints no sheet names, so the heading paths are "Sheet 1", "Sheet 2"...; dates in
/// custom formats come out as Excel serial numbers. Errors: an empty file or one without the OLE2
/// signature, and files xls2csv rejects, are `.corrupt` with its message; xls2csv missing is
/// `.unreadable`. Metadata: `sheets` (count).
public struct XLSParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "xls"
    /// Bumped whenever this parser's output changes.
    public let version = 1
    /// Converter time limit.
    public let configuration: OfficeParserConfiguration

    /// Creates the parser with `configuration` (defaults when omitted).
    public init(configuration: OfficeParserConfiguration = OfficeParserConfiguration()) {
        self.configuration = configuration
    }

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let path = url.path
        let converter = LegacyOfficeConverter(
            parser: name, tools: [.init(name: "xls2csv", arguments: ["-d", "utf-8", "-c", ",", "-b", "\u{0C}\n"])],
            packages: "catdoc", timeoutSeconds: configuration.converterTimeoutSeconds)
        try converter.requireCompoundFile(try DocumentFileReader.readPrefix(of: url, count: 8), path: path, format: "an Excel 97-2003")
        let text = try converter.text(of: path)
        var sheets = text.components(separatedBy: "\u{0C}\n")
        if sheets.count > 1, sheets.last?.trimmingWhitespaceAndNewlines().isEmpty == true { sheets.removeLast() }
        var builder = DocumentTextBuilder()
        for (index, sheet) in sheets.enumerated() {
            let rows = try Self.rows(ofCSV: sheet, path: path, parser: name)
            builder.appendSegment(SpreadsheetRowWriter.lines(for: rows).joined(separator: "\n"), headingPath: ["Sheet \(index + 1)"], layout: .records)
        }
        return builder.document(title: nil, metadata: ["sheets": String(sheets.count)])
    }

    /// The rows of one sheet's CSV; cells that read as numbers are not text (so a header row is found).
    static func rows(ofCSV csv: String, path: String, parser: String) throws -> [SpreadsheetRowWriter.Row] {
        guard !csv.trimmingWhitespaceAndNewlines().isEmpty else { return [] }
        var rows: [SpreadsheetRowWriter.Row] = []
        do {
            let reader = try CSVReader(string: csv, hasHeaderRow: false, trimFields: false, delimiter: ",")
            while let fields = reader.next() {
                var row = SpreadsheetRowWriter.Row()
                for (column, field) in fields.enumerated() {
                    let text = field.collapsingWhitespace()
                    guard !text.isEmpty else { continue }
                    row.cells.append(SpreadsheetRowWriter.Cell(column: column, text: text, isText: Double(text) == nil))
                }
                rows.append(row)
            }
            if let error = reader.error { throw error }
        } catch {
            throw IngestError.corrupt(path: path, parser: parser, reason: "xls2csv output could not be read as CSV: \(error)")
        }
        return rows
    }
}
