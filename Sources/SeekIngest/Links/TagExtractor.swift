import SeekCore

/// Obsidian-style tags: inline `#tag` (letters, digits, `_`, `-`, `/` for nesting; at least one
/// character that is not a digit; after the start of a line or whitespace) and front-matter
/// `tags`. Not inside fenced code blocks or code spans, not on heading lines, not inside URLs
/// or anchors (`https://x.org/#top`, `[a](#top)`: the `#` follows no whitespace). Tags are
/// lowercased (Obsidian matches them case-insensitively), without `#` and trailing `/`.
public struct TagExtractor: Sendable {
    public init() {}

    /// The inline tags of `markdown`, in the order written, each with its offset.
    public func tags(in markdown: String) -> [DocumentLink] {
        tags(in: MaskedMarkdown(Array(markdown.unicodeScalars)))
    }

    func tags(in masked: MaskedMarkdown) -> [DocumentLink] {
        let scalars = masked.scalars
        let headings = Set(masked.headingLines.map(\.lowerBound))
        var tags: [DocumentLink] = []
        for line in masked.lines where !headings.contains(line.lowerBound) {
            var index = line.lowerBound
            while index < line.upperBound {
                guard scalars[index] == "#", index == line.lowerBound || scalars[index - 1].isWhitespaceScalar else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < line.upperBound, Self.isTagScalar(scalars[end]) { end += 1 }
                if let tag = Self.normalized(String(scalars: scalars[(index + 1)..<end])) {
                    tags.append(DocumentLink(kind: .tag, target: tag, offset: index))
                }
                index = max(end, index + 1)
            }
        }
        return tags
    }

    /// The tags of a front-matter `tags` value: list items, or words separated by commas or spaces.
    public func frontMatterTags(_ values: [String]) -> [DocumentLink] {
        values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) }
            .compactMap { Self.normalized(String($0.drop { $0 == "#" })) }
            .map { DocumentLink(kind: .tag, target: $0) }
    }

    /// `tag` lowercased without trailing `/`, or nil when it is empty or all digits.
    static func normalized(_ tag: String) -> String? {
        var text = Substring(tag)
        while text.last == "/" { text = text.dropLast() }
        guard !text.isEmpty, !text.allSatisfy(\.isNumber) else { return nil }
        guard text.unicodeScalars.allSatisfy(isTagScalar) else { return nil }
        return text.lowercased()
    }

    static func isTagScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "-" || scalar == "/" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
