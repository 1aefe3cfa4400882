import Foundation
import Yams

/// The on-disk form of a memory: YAML front matter (id, title, tags, created, source) between
/// `---` lines, then the text. Front matter written and read with Yams, so any title or tag
/// (quotes, colons, newlines) round-trips.
struct MemoryFile: Sendable, Equatable {
    /// The front matter's keys, in the order they are written.
    struct FrontMatter: Codable, Equatable {
        var id: String
        var title: String
        var tags: [String]
        var created: String
        var source: String
    }

    var frontMatter: FrontMatter
    var text: String

    /// The file's contents: front matter, a blank line, the text, and the tags once more as a
    /// last line so that keyword search finds them too.
    func contents() throws -> String {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !frontMatter.tags.isEmpty { body += "\n\nTags: " + frontMatter.tags.joined(separator: ", ") }
        return "---\n" + (try YAMLEncoder().encode(frontMatter)) + "---\n\n" + body + "\n"
    }

    /// Parses a memory file; nil when it does not start with front matter of a memory.
    init?(parsing contents: String) {
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let closing = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else { return nil }
        let yaml = lines[1..<closing].joined(separator: "\n")
        guard let frontMatter = try? YAMLDecoder().decode(FrontMatter.self, from: yaml) else { return nil }
        self.frontMatter = frontMatter
        var text = lines[(closing + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let tagLine = "\n\nTags: " + frontMatter.tags.joined(separator: ", ")
        if !frontMatter.tags.isEmpty, text.hasSuffix(tagLine) { text.removeLast(tagLine.count) }
        self.text = text
    }

    init(frontMatter: FrontMatter, text: String) {
        self.frontMatter = frontMatter
        self.text = text
    }
}
