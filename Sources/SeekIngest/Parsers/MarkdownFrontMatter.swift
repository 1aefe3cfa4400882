import Logging
import Yams

/// YAML front matter at the top of a Markdown file: a `---` line, YAML, and a `---` (or `...`) line.
///
/// Parsed with Yams' node tree (not `Yams.load`) so values keep the exact text the author wrote
/// (`2024-01-05`, `1.10`, `yes`) instead of becoming dates, doubles or booleans.
struct MarkdownFrontMatter: Equatable {
    /// Flattened values: scalars as written, lists joined with ", ", nested keys joined with ".".
    var metadata: [String: String]
    /// The text after the closing line.
    var body: Substring
    /// Top-level keys with their values as lists: a scalar is one item, a sequence its scalar
    /// items (nested sequences flattened, so unquoted `[[Note]]` in YAML still counts).
    var lists: [String: [String]] = [:]

    private static let logger = Logger(label: "seek.ingest")

    /// The front matter of `text`, or nil when `text` has none: no opening `---` line, no closing
    /// line, or YAML that is not a mapping. Broken YAML is logged and left in the text, since the
    /// block may just be a horizontal rule followed by prose.
    init?(parsing text: String, path: String) {
        guard text.hasPrefix("---") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let opening = lines.first, opening.trimmingTrailingSpaces() == "---", lines.count > 1 else { return nil }
        guard let closingIndex = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces()
            return line == "---" || line == "..."
        }) else { return nil }
        let yaml = lines[1..<closingIndex].joined(separator: "\n")
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            Self.logger.warning("front matter is not valid YAML; kept as text", metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
        var metadata: [String: String] = [:]
        switch root {
        case .none:
            break
        case .mapping(let mapping)?:
            Self.flatten(mapping, prefix: "", into: &metadata)
            for (keyNode, value) in mapping {
                guard let key = keyNode.scalar?.string, !key.isEmpty else { continue }
                lists[key] = Self.items(value)
            }
        case .some:
            return nil
        }
        self.metadata = metadata
        let bodyStart = closingIndex + 1 < lines.count ? lines[closingIndex + 1].startIndex : text.endIndex
        self.body = text[bodyStart...]
    }

    /// A node's scalar items, depth first; `[[Note]]` written unquoted (a list in a list) comes
    /// back as the wikilink text `[[Note]]`.
    private static func items(_ node: Node) -> [String] {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            return sequence.flatMap { item -> [String] in
                if case .sequence(let inner) = item, inner.count == 1, case .sequence(let innermost)? = inner.first,
                   innermost.count == 1, let name = innermost.first?.scalar?.string {
                    return ["[[\(name)]]"]
                }
                if case .sequence(let inner) = item, inner.count == 1, let name = inner.first?.scalar?.string {
                    // `- [[Note]]` in block style: a list holding a list holding the name.
                    return ["[[\(name)]]"]
                }
                return items(item)
            }
        case .mapping, .alias:
            return []
        }
    }

    private static func flatten(_ mapping: Node.Mapping, prefix: String, into metadata: inout [String: String]) {
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else { continue }
            let fullKey = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch value {
            case .scalar(let scalar):
                metadata[fullKey] = scalar.string
            case .sequence(let sequence):
                let items = sequence.compactMap { $0.scalar?.string }.filter { !$0.isEmpty }
                metadata[fullKey] = items.joined(separator: ", ")
            case .mapping(let nested):
                flatten(nested, prefix: fullKey, into: &metadata)
            case .alias:
                continue
            }
        }
    }
}
