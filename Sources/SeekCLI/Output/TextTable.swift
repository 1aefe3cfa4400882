/// Rows of text cells printed in aligned columns (numbers right-aligned). Styling is applied by
/// `style` after padding, so ANSI codes never upset the widths.
struct TextTable {
    enum Alignment { case left, right }

    let headers: [String]
    let alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func append(_ cells: [String]) {
        precondition(cells.count == headers.count, "a row of \(cells.count) cells for \(headers.count) columns")
        rows.append(cells)
    }

    /// The table as lines: a bold header, then the rows; `style(row, line)` may colour a row.
    func lines(indent: String = "", style: (Int, String) -> String = { $1 }) -> [String] {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .right ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ")
        }
        return [indent + Terminal.bold(render(headers))] + rows.enumerated().map { indent + style($0.offset, render($0.element)) }
    }
}
