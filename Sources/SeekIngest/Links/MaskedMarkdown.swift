/// Markdown text with its code blanked out: fenced code blocks and inline code spans become
/// spaces (newlines kept), so every offset still points into the original text and nothing
/// written as code is read as a link or a tag. Also knows which lines are ATX headings.
///
/// Hand-written: no Markdown library is available among the project's packages; only fences,
/// code spans and heading lines matter here.
struct MaskedMarkdown {
    /// The scalars with code replaced by spaces.
    private(set) var scalars: [Unicode.Scalar]
    /// Line ranges (excluding the newline) of ATX heading lines.
    private(set) var headingLines: [Range<Int>] = []
    /// Line ranges of every line, in order.
    private(set) var lines: [Range<Int>] = []

    init(_ source: [Unicode.Scalar]) {
        scalars = source
        var openFence: (marker: Unicode.Scalar, length: Int)?
        var lineStart = 0
        while lineStart <= source.count {
            let lineEnd = source[lineStart...].firstIndex(of: "\n") ?? source.count
            let line = lineStart..<lineEnd
            defer { lineStart = lineEnd + 1 }
            lines.append(line)
            let indent = source[line].prefix { $0 == " " }.count
            let content = source[line].dropFirst(indent)
            if let fence = openFence {
                blank(line)
                if indent <= 3, let closing = Self.fence(content), closing.marker == fence.marker, closing.length >= fence.length {
                    openFence = nil
                }
                continue
            }
            if indent <= 3, let fence = Self.fence(content) {
                openFence = (fence.marker, fence.length)
                blank(line)
                continue
            }
            if indent <= 3, content.first == "#" {
                let level = content.prefix { $0 == "#" }.count
                let after = content.dropFirst(level).first
                if level <= 6, after == nil || after == " " || after == "\t" { headingLines.append(line) }
            }
        }
        blankCodeSpans()
    }

    /// A fence line: 3+ backticks or tildes (a backtick fence's info string has no backtick).
    private static func fence(_ content: ArraySlice<Unicode.Scalar>) -> (marker: Unicode.Scalar, length: Int)? {
        guard let marker = content.first, marker == "`" || marker == "~" else { return nil }
        let length = content.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == "`", content.dropFirst(length).contains("`") { return nil }
        return (marker, length)
    }

    private mutating func blank(_ range: Range<Int>) {
        for index in range where scalars[index] != "\n" { scalars[index] = " " }
    }

    /// Inline code: a run of N backticks up to the next run of exactly N backticks (CommonMark);
    /// an unmatched run stays text.
    private mutating func blankCodeSpans() {
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "`" else { index += 1; continue }
            let runStart = index
            while index < scalars.count, scalars[index] == "`" { index += 1 }
            let length = index - runStart
            var cursor = index
            var closing: Int?
            while cursor < scalars.count {
                if scalars[cursor] == "`" {
                    let start = cursor
                    while cursor < scalars.count, scalars[cursor] == "`" { cursor += 1 }
                    if cursor - start == length { closing = cursor; break }
                } else {
                    cursor += 1
                }
            }
            if let closing {
                blank(runStart..<closing)
                index = closing
            }
        }
    }
}
