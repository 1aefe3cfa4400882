import SeekCore

/// The links of a Markdown body to local files: inline links and images (`[text](a%20b.md#usage)`,
/// `![alt](img.png)`), reference links (`[text][ref]`, `[ref][]`, `[ref]` with a `[ref]: path`
/// definition), `[[wikilinks]]` with `|alias` and `#heading`, `![[embeds]]` and HTML `<a href>`.
/// Nothing inside fenced code blocks or code spans counts; links with a scheme (`https:`) or
/// only an anchor are not local and are left out. Offsets are Unicode scalar offsets into the body.
///
/// Hand-written scanner: no Markdown library is available among the project's packages.
public struct LinkExtractor: Sendable {
    public init() {}

    /// The links of `markdown`, in the order written.
    public func links(in markdown: String) -> [DocumentLink] {
        links(in: MaskedMarkdown(Array(markdown.unicodeScalars)))
    }

    func links(in masked: MaskedMarkdown) -> [DocumentLink] {
        let scalars = masked.scalars
        let (definitions, definitionLines) = Self.referenceDefinitions(masked)
        var links: [DocumentLink] = []
        for line in masked.lines where !definitionLines.contains(line.lowerBound) {
            var index = line.lowerBound
            while index < line.upperBound {
                let scalar = scalars[index]
                if scalar == "\\" { index += 2; continue }
                let isBang = scalar == "!" && index + 1 < line.upperBound && scalars[index + 1] == "["
                let open = isBang ? index + 1 : index
                if scalars[open] == "[", open + 1 < line.upperBound, scalars[open + 1] == "[",
                   let close = Self.find(["]", "]"], in: scalars, from: open + 2, before: line.upperBound) {
                    if let link = Self.wikilink(String(scalars: scalars[(open + 2)..<close]), embed: isBang, offset: index) {
                        links.append(link)
                    }
                    index = close + 2
                    continue
                }
                if scalars[open] == "[", let bracket = Self.closingBracket(in: scalars, from: open, before: line.upperBound) {
                    if let (destination, end) = Self.destination(in: scalars, after: bracket, before: line.upperBound, definitions: definitions,
                                                                 text: String(scalars: scalars[(open + 1)..<bracket])) {
                        if let target = LocalLinkTarget(destination: destination) {
                            links.append(DocumentLink(kind: isBang ? .embed : .link, target: target.path, anchor: target.anchor, offset: index))
                        }
                        index = end
                    } else {
                        index = open + 1
                    }
                    continue
                }
                if scalar == "<", let (href, end) = Self.anchorHref(in: scalars, at: index, before: line.upperBound) {
                    if let href, let target = LocalLinkTarget(destination: href) {
                        links.append(DocumentLink(kind: .link, target: target.path, anchor: target.anchor, offset: index))
                    }
                    index = end
                    continue
                }
                index += 1
            }
        }
        return links
    }

    /// A wikilink's inside (`folder/Note#Heading|alias`) as a link; nil when it names no file
    /// (`[[#Heading]]`, the same document).
    static func wikilink(_ inside: String, embed: Bool, offset: Int?, kind: DocumentLink.Kind? = nil) -> DocumentLink? {
        var body = inside.replacingOccurrences(of: "\\|", with: "|")
        if let bar = body.firstIndex(of: "|") { body = String(body[..<bar]) }
        var anchor: String?
        if let hash = body.firstIndex(of: "#") {
            let heading = body[body.index(after: hash)...].trimmingCharacters(in: .whitespaces)
            anchor = heading.isEmpty ? nil : heading
            body = String(body[..<hash])
        }
        let target = body.trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty else { return nil }
        return DocumentLink(kind: kind ?? (embed ? .embed : .wikilink), target: target, anchor: anchor, offset: offset, isWikiTarget: true)
    }

    /// `[label]: destination` lines (lowercased label → destination) and the starts of those lines.
    private static func referenceDefinitions(_ masked: MaskedMarkdown) -> ([String: String], Set<Int>) {
        var definitions: [String: String] = [:]
        var lines = Set<Int>()
        let scalars = masked.scalars
        for line in masked.lines {
            let indent = scalars[line].prefix { $0 == " " }.count
            let start = line.lowerBound + indent
            guard indent <= 3, start < line.upperBound, scalars[start] == "[",
                  let close = scalars[start..<line.upperBound].firstIndex(of: "]"), close + 1 < line.upperBound, scalars[close + 1] == ":"
            else { continue }
            let label = String(scalars: scalars[(start + 1)..<close]).lowercased().trimmingCharacters(in: .whitespaces)
            let rest = String(scalars: scalars[(close + 2)..<line.upperBound]).trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty, !rest.isEmpty else { continue }
            let destination: String
            if rest.hasPrefix("<"), let end = rest.firstIndex(of: ">") {
                destination = String(rest[...end])
            } else {
                destination = String(rest.prefix { $0 != " " && $0 != "\t" })
            }
            if definitions[label] == nil { definitions[label] = destination }
            lines.insert(line.lowerBound)
        }
        return (definitions, lines)
    }

    /// The `]` closing the `[` at `open` (nested brackets counted, escapes skipped).
    private static func closingBracket(in scalars: [Unicode.Scalar], from open: Int, before end: Int) -> Int? {
        var depth = 0
        var index = open
        while index < end {
            switch scalars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The destination of a link whose text ends at `bracket`: `(destination "title")`, `[ref]`,
    /// `[]` or a shortcut reference; with the index after the link. Nil when it is not a link.
    private static func destination(in scalars: [Unicode.Scalar], after bracket: Int, before end: Int,
                                    definitions: [String: String], text: String) -> (String, Int)? {
        let next = bracket + 1
        if next < end, scalars[next] == "(" {
            var depth = 0
            var index = next
            var inAngle = false
            while index < end {
                let scalar = scalars[index]
                if scalar == "\\" { index += 2; continue }
                if scalar == "<" { inAngle = true }
                if scalar == ">" { inAngle = false }
                if !inAngle {
                    if scalar == "(" { depth += 1 }
                    if scalar == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                }
                index += 1
            }
            guard index < end else { return nil }
            let inside = String(scalars: scalars[(next + 1)..<index]).trimmingCharacters(in: .whitespaces)
            let destination: String
            if inside.hasPrefix("<"), let close = inside.firstIndex(of: ">") {
                destination = String(inside[...close])
            } else {
                destination = String(inside.prefix { $0 != " " && $0 != "\t" })
            }
            return (destination, index + 1)
        }
        if next < end, scalars[next] == "[", let close = scalars[next..<end].firstIndex(of: "]") {
            let label = String(scalars: scalars[(next + 1)..<close]).lowercased().trimmingCharacters(in: .whitespaces)
            let key = label.isEmpty ? text.lowercased().trimmingCharacters(in: .whitespaces) : label
            guard let destination = definitions[key] else { return nil }
            return (destination, close + 1)
        }
        if let destination = definitions[text.lowercased().trimmingCharacters(in: .whitespaces)] {
            return (destination, next)
        }
        return nil
    }

    /// The `href` of an `<a ...>` start tag at `start` (nil when it has none) and the index after
    /// the tag; nil when no `<a` tag starts there.
    private static func anchorHref(in scalars: [Unicode.Scalar], at start: Int, before end: Int) -> (String?, Int)? {
        guard start + 2 < end, scalars[start + 1] == "a" || scalars[start + 1] == "A",
              scalars[start + 2] == " " || scalars[start + 2] == "\t",
              let close = scalars[start..<end].firstIndex(of: ">")
        else { return nil }
        return (HTMLAttribute.value(of: "href", in: String(scalars: scalars[(start + 2)..<close])), close + 1)
    }

    private static func find(_ pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], from start: Int, before end: Int) -> Int? {
        guard end - start >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= end {
            if scalars[index] == pattern[0], scalars[index + 1] == pattern[1] { return index }
            index += 1
        }
        return nil
    }
}
