import SeekCore

/// Writes the paragraphs and tables of an Office body (DOCX, ODT, PPTX) into a
/// `DocumentTextBuilder`: paragraphs as blocks, headings as section marks, table rows as lines
/// with cells joined by " | ". Paragraphs may nest (text boxes inside a paragraph) and tables may
/// nest (a nested table's rows become text of the outer cell).
struct OfficeTextWriter {
    /// How consecutive paragraphs are separated.
    enum ParagraphSeparator {
        /// A blank line (documents).
        case blankLine
        /// A line break (slides, where each paragraph is a bullet or a short line).
        case lineBreak
    }

    private(set) var builder = DocumentTextBuilder()
    private let separator: ParagraphSeparator
    private var openParagraphs: [String] = []
    private var tables: [Table] = []

    private struct Table {
        var rowCount = 0
        var cells: [String] = []
        var cellParagraphs: [String]?
    }

    init(separator: ParagraphSeparator) {
        self.separator = separator
    }

    /// True while a paragraph is open.
    var isInParagraph: Bool { !openParagraphs.isEmpty }

    mutating func beginParagraph() {
        openParagraphs.append("")
    }

    /// Appends text to the innermost open paragraph (ignored outside paragraphs).
    mutating func appendText(_ text: String) {
        guard !openParagraphs.isEmpty else { return }
        openParagraphs[openParagraphs.count - 1] += text
    }

    /// Closes the innermost paragraph; a `headingLevel` makes it a section heading.
    mutating func endParagraph(headingLevel: Int? = nil) {
        guard let text = openParagraphs.popLast() else { return }
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty else { return }
        if !tables.isEmpty, tables[tables.count - 1].cellParagraphs != nil {
            tables[tables.count - 1].cellParagraphs?.append(trimmed.collapsingWhitespace())
            return
        }
        switch separator {
        case .blankLine: builder.breakParagraph()
        case .lineBreak: builder.breakLine()
        }
        if let headingLevel {
            builder.breakParagraph()
            builder.markHeading(level: headingLevel, title: trimmed)
        }
        builder.append(trimmed)
    }

    mutating func beginTable() {
        tables.append(Table())
    }

    mutating func beginRow() {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].cells = []
    }

    mutating func beginCell() {
        guard !tables.isEmpty else { return }
        tables[tables.count - 1].cellParagraphs = []
    }

    mutating func endCell() {
        guard !tables.isEmpty, let paragraphs = tables[tables.count - 1].cellParagraphs else { return }
        tables[tables.count - 1].cells.append(paragraphs.joined(separator: " "))
        tables[tables.count - 1].cellParagraphs = nil
    }

    mutating func endRow() {
        guard !tables.isEmpty else { return }
        let cells = tables[tables.count - 1].cells.filter { !$0.isEmpty }
        tables[tables.count - 1].cells = []
        guard !cells.isEmpty else { return }
        let line = cells.joined(separator: " | ")
        if tables.count > 1, tables[tables.count - 2].cellParagraphs != nil {
            tables[tables.count - 2].cellParagraphs?.append(line)
            return
        }
        if tables[tables.count - 1].rowCount == 0 { builder.breakParagraph() } else { builder.breakLine() }
        tables[tables.count - 1].rowCount += 1
        builder.append(line)
    }

    mutating func endTable() {
        guard tables.popLast() != nil else { return }
        if tables.isEmpty { builder.breakParagraph() }
    }
}
