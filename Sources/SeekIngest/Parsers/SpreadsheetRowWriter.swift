/// Writes spreadsheet rows as self-describing lines: "Header: value | Header: value", or
/// "A: value | C: value" (column letters) when the sheet has no header row.
enum SpreadsheetRowWriter {
    /// One row's non-empty cells, in column order.
    struct Row: Equatable {
        var cells: [Cell] = []
    }

    /// One non-empty cell.
    struct Cell: Equatable {
        /// Zero-based column index.
        var column: Int
        /// Display text.
        var text: String
        /// True for text cells (strings), false for numbers and dates.
        var isText: Bool
    }

    /// The lines for `rows`. The first non-empty row is a header when another row follows and its
    /// cells are all text and distinct; it then names the columns and is not written as data.
    static func lines(for rows: [Row]) -> [String] {
        let filled = rows.filter { !$0.cells.isEmpty }
        guard let first = filled.first else { return [] }
        var names: [Int: String] = [:]
        var dataRows = filled[...]
        let texts = first.cells.map(\.text)
        if filled.count >= 2, first.cells.allSatisfy(\.isText), Set(texts.map { $0.lowercased() }).count == texts.count {
            for cell in first.cells { names[cell.column] = cell.text }
            dataRows = filled.dropFirst()
        }
        return dataRows.map { row in
            row.cells.map { cell in
                "\(names[cell.column] ?? SpreadsheetValueFormatter.columnLetters(cell.column)): \(cell.text)"
            }.joined(separator: " | ")
        }
    }
}
