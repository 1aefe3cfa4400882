import CSV
import Foundation
import SeekCore

/// CSV and TSV: one line per data row, written as `header1: value1 | header2: value2`, so each row
/// reads on its own once chunked. Rows are read by yaslab/CSV.swift (quoted fields, embedded
/// delimiters, newlines and doubled quotes).
///
/// - Delimiter: tab for `.tsv`/`.tab`, else sniffed among `,` `;` tab `|` (the one splitting the first
///   rows into the most consistent number of fields; comma on a tie).
/// - Header: the first row is a header when a data row follows it and its fields are all non-empty,
///   distinct, and neither numbers nor dates. Without a header, columns are named
///   "column 1", "column 2"...
/// - Empty fields are left out of a row's line, newlines inside a field become spaces, rows with no
///   value are skipped. One `.records` segment covers all rows.
/// - Metadata: `columns` (names joined with ", "), `rows` (data rows), `delimiter`, `header`
///   ("true"/"false"), `encoding`.
public struct CSVParser: DocumentParser {
    /// The parser's name, stored with each file it parsed.
    public let name = "csv"
    /// Bumped whenever this parser's output changes (2: charset detection with uchardet, BOM-less UTF-16 of any script).
    public let version = 2

    /// Creates the parser.
    public init() {}

    /// Extracts the document at `url` as described above; see `DocumentParser` for the error contract.
    public func parse(fileAt url: URL) throws -> ExtractedDocument {
        let data = try DocumentFileReader.read(url)
        let decoded = try TextParser.decodeText(data, path: url.path, parser: name)
        let fixedDelimiter: Unicode.Scalar? = ["tsv", "tab"].contains(url.pathExtension.lowercased()) ? "\t" : nil
        return try parse(csv: decoded.text, path: url.path, delimiter: fixedDelimiter, encoding: decoded.encoding)
    }

    /// Parses decoded CSV text; `delimiter` nil means sniff it.
    func parse(csv text: String, path: String, delimiter: Unicode.Scalar?, encoding: DetectedEncoding) throws -> ExtractedDocument {
        let delimiter = delimiter ?? Self.sniffDelimiter(in: text)
        var rows: [[String]] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
            while let row = reader.next() {
                let cleaned = row.map { $0.collapsingWhitespace() }
                if cleaned.contains(where: { !$0.isEmpty }) { rows.append(cleaned) }
            }
            if let error = reader.error { throw error }
        } catch {
            throw IngestError.corrupt(path: path, parser: name, reason: "CSV could not be read: \(error)")
        }

        let hasHeader = Self.looksLikeHeader(rows)
        let header = hasHeader ? rows[0] : []
        let dataRows = hasHeader ? Array(rows.dropFirst()) : rows
        let width = max(header.count, dataRows.map(\.count).max() ?? 0)
        let columnNames = (0..<width).map { column in
            column < header.count ? header[column] : "column \(column + 1)"
        }

        let lines = dataRows.compactMap { row -> String? in
            let pairs = row.enumerated().compactMap { column, value in
                value.isEmpty ? nil : "\(columnNames[column]): \(value)"
            }
            return pairs.isEmpty ? nil : pairs.joined(separator: " | ")
        }
        var builder = DocumentTextBuilder()
        builder.appendSegment(lines.joined(separator: "\n"), layout: .records)
        var metadata = [
            "rows": String(dataRows.count),
            "delimiter": Self.delimiterName(delimiter),
            "header": hasHeader ? "true" : "false",
            "encoding": encoding.name,
        ]
        if hasHeader { metadata["columns"] = header.joined(separator: ", ") }
        return builder.document(title: nil, metadata: metadata)
    }

    // MARK: - Sniffing

    private static let candidateDelimiters: [Unicode.Scalar] = [",", ";", "\t", "|"]

    /// The candidate delimiter that splits the first 20 records (quotes respected) into the most
    /// consistent, largest number of fields.
    static func sniffDelimiter(in text: String) -> Unicode.Scalar {
        var best: (delimiter: Unicode.Scalar, consistentRecords: Int, fields: Int) = (",", 0, 0)
        for delimiter in candidateDelimiters {
            let counts = delimiterCounts(of: delimiter, in: text, maxRecords: 20)
            let frequencies = Dictionary(counts.map { ($0, 1) }, uniquingKeysWith: +)
            guard let mode = frequencies.filter({ $0.key > 0 }).max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if (mode.value, mode.key) > (best.consistentRecords, best.fields) {
                best = (delimiter, mode.value, mode.key)
            }
        }
        return best.delimiter
    }

    /// How many times `delimiter` occurs outside quotes in each of the first `maxRecords` records.
    private static func delimiterCounts(of delimiter: Unicode.Scalar, in text: String, maxRecords: Int) -> [Int] {
        var counts: [Int] = []
        var current = 0
        var inQuotes = false
        var recordHasContent = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                inQuotes.toggle()
                recordHasContent = true
            } else if !inQuotes, scalar == "\n" {
                if recordHasContent { counts.append(current) }
                if counts.count >= maxRecords { return counts }
                current = 0
                recordHasContent = false
            } else if !inQuotes, scalar == delimiter {
                current += 1
                recordHasContent = true
            } else if !scalar.isWhitespaceScalar {
                recordHasContent = true
            }
        }
        if recordHasContent { counts.append(current) }
        return counts
    }

    /// True when the first row names columns: a data row follows, and its fields are all non-empty,
    /// distinct, and neither numbers nor dates.
    static func looksLikeHeader(_ rows: [[String]]) -> Bool {
        guard rows.count >= 2, let first = rows.first else { return false }
        guard first.allSatisfy({ !$0.isEmpty && !looksLikeValue($0) }) else { return false }
        return Set(first.map { $0.lowercased() }).count == first.count
    }

    /// True for numbers (signs, decimals, thousands separators, %, currency) and dates.
    static func looksLikeValue(_ field: String) -> Bool {
        let stripped = field.filter { !"$€£¥%, _'".contains($0) }
        if !stripped.isEmpty, Double(stripped) != nil { return true }
        return field.wholeMatch(of: #/\d{1,4}[-\/.]\d{1,2}[-\/.]\d{1,4}([ T].*)?/#) != nil
    }

    private static func delimiterName(_ delimiter: Unicode.Scalar) -> String {
        switch delimiter {
        case ",": "comma"
        case ";": "semicolon"
        case "\t": "tab"
        case "|": "pipe"
        default: String(delimiter)
        }
    }
}
