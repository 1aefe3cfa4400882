import SeekCore

/// Extracts the visible text of an HTML document with a small tolerant tokenizer.
///
/// Hand-written rather than libxml2's HTML parser: a system-library target would add a build
/// dependency (libxml2-dev) to every machine, and visible-text extraction needs only tags, comments,
/// raw-text elements and entities. Broken markup never fails: an unclosed comment or tag runs to the
/// end of the input, stray end tags are ignored, an unclosed `<head>` ends at the first body element.
struct HTMLTextExtractor {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var builder = DocumentTextBuilder()
    private var pendingSpace = false
    private var inHead = false
    private var preDepth = 0
    private var cellsInRow = 0
    private var heading: (level: Int, offset: Int, text: String)?
    private(set) var title: String?
    /// `<a href>` links to local files, each at the text offset where its element starts.
    private(set) var links: [DocumentLink] = []
    private(set) var firstH1: String?

    /// Elements whose content is never shown and is skipped as raw text up to the matching end tag.
    private static let rawTextHidden: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "noembed", "noframes", "xmp", "textarea", "object",
    ]
    /// Elements that end a paragraph (a blank line before and after).
    private static let paragraphBlocks: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "section",
        "article", "header", "footer", "nav", "aside", "main", "figure", "hr", "form", "fieldset", "details",
        "address", "hgroup", "center",
    ]
    /// Elements that end a line.
    private static let lineBlocks: Set<String> = [
        "div", "li", "dt", "dd", "tr", "caption", "figcaption", "option", "optgroup", "legend", "summary",
        "tbody", "thead", "tfoot", "body", "html", "menu", "dir", "dialog", "br", "title",
    ]
    /// Elements that may appear in `<head>`; any other start tag closes an unclosed head.
    private static let headElements: Set<String> = [
        "title", "meta", "link", "style", "script", "base", "noscript", "template", "head", "html",
    ]

    init(html: String) {
        self.scalars = Array(html.unicodeScalars)
    }

    /// Runs the extraction: the text, with sections made by `h1`...`h6`.
    mutating func extract(metadata: [String: String]) -> ExtractedDocument {
        while index < scalars.count {
            if scalars[index] == "<" {
                readMarkup()
            } else {
                let start = index
                while index < scalars.count, scalars[index] != "<" { index += 1 }
                emitText(scalars[start..<index])
            }
        }
        closeHeading()
        var document = builder.document(title: title ?? firstH1, metadata: metadata)
        document.links = links
        return document
    }

    // MARK: - Tokenizing

    private mutating func readMarkup() {
        let next = index + 1 < scalars.count ? scalars[index + 1] : " "
        if next == "!" {
            if starts(with: "<!--", at: index) {
                index = position(after: "-->", from: index + 4) ?? scalars.count
            } else if starts(with: "<![CDATA[", at: index) {
                let contentStart = index + 9
                let end = position(of: "]]>", from: contentStart) ?? scalars.count
                emitDecodedText(String(scalars: scalars[contentStart..<end]))
                index = min(end + 3, scalars.count)
            } else {
                index = position(after: ">", from: index) ?? scalars.count
            }
        } else if next == "?" {
            index = position(after: ">", from: index) ?? scalars.count
        } else if next == "/" {
            let nameStart = index + 2
            guard nameStart < scalars.count, isASCIILetter(scalars[nameStart]) else {
                index = position(after: ">", from: index) ?? scalars.count
                return
            }
            let name = tagName(from: nameStart)
            index = position(after: ">", from: nameStart) ?? scalars.count
            endTag(name)
        } else if isASCIILetter(next) {
            let name = tagName(from: index + 1)
            guard let tagEnd = endOfStartTag(from: index + 1 + name.unicodeScalars.count) else {
                index = scalars.count
                return
            }
            if name == "a", let href = HTMLAttribute.value(of: "href", in: String(scalars: scalars[(index + 2)..<(tagEnd - 1)])),
               let target = LocalLinkTarget(destination: href) {
                // A space waiting to be written goes before the link's text.
                let offset = builder.scalarCount + (pendingSpace && preDepth == 0 && !builder.isAtLineStart ? 1 : 0)
                links.append(DocumentLink(kind: .link, target: target.path, anchor: target.anchor, offset: offset))
            }
            index = tagEnd
            startTag(name)
        } else {
            emitText(scalars[index..<index + 1])
            index += 1
        }
    }

    private func tagName(from start: Int) -> String {
        var name: [Unicode.Scalar] = []
        var cursor = start
        while cursor < scalars.count, !isTagNameEnd(scalars[cursor]) {
            name.append(scalars[cursor])
            cursor += 1
        }
        return String(scalars: name).lowercased()
    }

    /// Index after the `>` closing a start tag whose attributes begin at `start`; quoted attribute
    /// values may contain `>`. An unterminated quote falls back to the first `>` after it.
    private func endOfStartTag(from start: Int) -> Int? {
        var cursor = start
        var afterEquals = false
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == ">" { return cursor + 1 }
            if afterEquals, scalar == "\"" || scalar == "'" {
                if let close = scalars[(cursor + 1)...].firstIndex(of: scalar) {
                    cursor = close + 1
                } else {
                    return position(after: ">", from: cursor + 1)
                }
                afterEquals = false
                continue
            }
            if scalar == "=" {
                afterEquals = true
            } else if !scalar.isWhitespaceScalar {
                afterEquals = false
            }
            cursor += 1
        }
        return nil
    }

    // MARK: - Elements

    private mutating func startTag(_ name: String) {
        if inHead, !Self.headElements.contains(name) { inHead = false }
        switch name {
        case "head":
            inHead = true
            return
        case "body":
            inHead = false
        case "title":
            let content = rawText(until: name)
            if title == nil {
                let text = HTMLEntityDecoder.decode(content[...]).collapsingWhitespace()
                if !text.isEmpty { title = text }
            }
            return
        default:
            break
        }
        if Self.rawTextHidden.contains(name) {
            _ = rawText(until: name)
            return
        }
        if inHead { return }
        if let level = headingLevel(name) {
            closeHeading()
            breakBlock(paragraph: true)
            heading = (level, builder.scalarCount, "")
            return
        }
        switch name {
        case "br":
            pendingSpace = false
            if builder.trailingNewlineCount < 2, !builder.isEmpty { builder.append("\n") }
        case "pre":
            breakBlock(paragraph: true)
            preDepth += 1
        case "tr":
            breakBlock(paragraph: false)
            cellsInRow = 0
        case "td", "th":
            if cellsInRow > 0 {
                builder.append(" | ")
                pendingSpace = false
            }
            cellsInRow += 1
        default:
            if Self.paragraphBlocks.contains(name) {
                breakBlock(paragraph: true)
            } else if Self.lineBlocks.contains(name) {
                breakBlock(paragraph: false)
            }
        }
    }

    private mutating func endTag(_ name: String) {
        switch name {
        case "head":
            inHead = false
            return
        case "pre":
            preDepth = max(0, preDepth - 1)
        default:
            break
        }
        if inHead { return }
        if headingLevel(name) != nil {
            closeHeading()
            breakBlock(paragraph: true)
            return
        }
        if name == "table" { cellsInRow = 0 }
        if Self.paragraphBlocks.contains(name) {
            breakBlock(paragraph: true)
        } else if Self.lineBlocks.contains(name), name != "br" {
            breakBlock(paragraph: false)
        }
    }

    private mutating func closeHeading() {
        guard let open = heading else { return }
        heading = nil
        let text = open.text.collapsingWhitespace()
        builder.markHeading(level: open.level, title: text, at: open.offset)
        if open.level == 1, firstH1 == nil, !text.isEmpty { firstH1 = text }
    }

    private mutating func breakBlock(paragraph: Bool) {
        pendingSpace = false
        if paragraph { builder.breakParagraph() } else { builder.breakLine() }
    }

    // MARK: - Text

    private mutating func emitText(_ raw: ArraySlice<Unicode.Scalar>) {
        guard !inHead else { return }
        emitDecodedText(HTMLEntityDecoder.decode(Substring(String(scalars: raw))))
    }

    private mutating func emitDecodedText(_ text: String) {
        guard !inHead else { return }
        var piece: [Unicode.Scalar] = []
        if preDepth > 0 {
            piece = Array(TextDecoder.normalizingLineEndings(text).unicodeScalars)
        } else {
            var atLineStart = builder.isAtLineStart
            for scalar in text.unicodeScalars {
                if scalar.isWhitespaceScalar {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !atLineStart { piece.append(" ") }
                pendingSpace = false
                atLineStart = false
                piece.append(scalar)
            }
        }
        guard !piece.isEmpty else { return }
        let string = String(scalars: piece)
        builder.append(string)
        if heading != nil { heading?.text += string }
    }

    /// The raw text up to the end tag `</name`, moving past that tag (or to the end of the input).
    private mutating func rawText(until name: String) -> String {
        let start = index
        var cursor = index
        let closing = Array("</\(name)".unicodeScalars)
        while cursor < scalars.count {
            if scalars[cursor] == "<", matchesCaseInsensitive(closing, at: cursor) {
                let after = cursor + closing.count
                if after >= scalars.count || isTagNameEnd(scalars[after]) {
                    index = position(after: ">", from: after) ?? scalars.count
                    return String(scalars: scalars[start..<cursor])
                }
            }
            cursor += 1
        }
        index = scalars.count
        return String(scalars: scalars[start..<scalars.count])
    }

    // MARK: - Scanning primitives

    private func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let digit = name.last?.wholeNumberValue, (1...6).contains(digit) else { return nil }
        return digit
    }

    private func starts(with text: String, at start: Int) -> Bool {
        matchesCaseInsensitive(Array(text.unicodeScalars), at: start)
    }

    private func matchesCaseInsensitive(_ pattern: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + pattern.count <= scalars.count else { return false }
        for (offset, expected) in pattern.enumerated() where lowercased(scalars[start + offset]) != lowercased(expected) {
            return false
        }
        return true
    }

    private func position(of text: String, from start: Int) -> Int? {
        let pattern = Array(text.unicodeScalars)
        guard let first = pattern.first else { return nil }
        var cursor = start
        while cursor + pattern.count <= scalars.count {
            if scalars[cursor] == first, scalars[cursor..<cursor + pattern.count].elementsEqual(pattern) { return cursor }
            cursor += 1
        }
        return nil
    }

    private func position(after text: String, from start: Int) -> Int? {
        position(of: text, from: start).map { $0 + text.unicodeScalars.count }
    }

    private func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 0x20)) : scalar
    }

    private func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private func isTagNameEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ">" || scalar == "/" || scalar.isWhitespaceScalar
    }
}
