/// Reads `xl/styles.xml` to learn which cell styles format numbers as dates or times.
struct SpreadsheetStylesCollector: XMLEventHandling {
    /// Indexes into `cellXfs` (a cell's `s` attribute) whose number format is a date or time.
    var dateStyleIndexes: Set<Int> {
        Set(cellFormatIDs.enumerated().compactMap { index, formatID in
            Self.isDateFormat(id: formatID, code: customFormats[formatID]) ? index : nil
        })
    }

    private var customFormats: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    /// Built-in number format ids that show dates or times.
    private static let builtInDateFormatIDs: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    mutating func startElement(_ name: String, attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    mutating func endElement(_ name: String) {
        if name == "cellXfs" { inCellXfs = false }
    }

    mutating func characters(_ text: String) {}

    /// True for a built-in date format id, or a custom code with date/time letters outside quoted
    /// text, escapes and bracketed colors/locales ("yyyy-mm-dd", "[h]:mm", but not "0.00 \"kg\"").
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if builtInDateFormatIDs.contains(id) { return true }
        guard let code else { return false }
        var inQuotes = false
        var inBrackets = false
        var bracket = ""
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\" where !inQuotes: escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes:
                inBrackets = true
                bracket = ""
            case "]" where inBrackets:
                inBrackets = false
                if !bracket.isEmpty, bracket.allSatisfy({ "hms".contains($0) }) { return true }
            default:
                if inQuotes { continue }
                if inBrackets { bracket.append(character); continue }
                if "ydhms".contains(character) { return true }
            }
        }
        return false
    }
}
