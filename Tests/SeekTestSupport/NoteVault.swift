import Foundation

/// A generated Obsidian-style vault for graph tests: notes with every link form (wikilinks with
/// headings, Markdown links with encoded anchors, embeds, HTML anchors, aliases, front-matter
/// `related`), tags inline and in front matter, links into a subfolder, links to missing notes,
/// an ambiguous name (`a/dup.md`, `b/dup.md`), and code blocks whose links and tags must not count.
/// Bodies are Cranfield abstracts, so documents differ; `dups/` holds planted near-duplicates.
public struct NoteVault: Sendable {
    /// One edge a note is written with: the files it may resolve to (by path relative to the vault).
    public struct Edge: Sendable, Hashable {
        public var source: String
        public var kind: String
        public var target: String
        public var anchor: String?
        /// The files whose name (or alias) the target names; it resolves when exactly one exists.
        public var candidates: [String]
    }

    public let root: URL
    /// Notes in the `notes/` folder.
    public let noteCount: Int
    public private(set) var edges: [Edge] = []
    /// (source, tag) pairs.
    public private(set) var tags: Set<String> = []
    /// Unlinked planted near-duplicate pairs (relative paths).
    public private(set) var plantedPairs: [(String, String)] = []
    /// A near-duplicate pair joined by a link, which gaps must leave out.
    public private(set) var linkedPair: (String, String) = ("", "")
    /// A note and its paraphrase (different words, same meaning).
    public let paraphrase = ("bread/sourdough.md", "bread/starter-notes.md")

    /// Writes the vault into `root` (created) with `noteCount` notes (at least 30) and 20 subfolder notes.
    public init(root: URL, noteCount: Int = 150) throws {
        precondition(noteCount >= 30)
        self.root = root
        self.noteCount = noteCount
        let bodies = try Self.cranfieldBodies(count: noteCount + 30)
        for i in 0..<noteCount {
            try writeNote(i, as: "notes/n\(i).md", body: bodies[i])
        }
        // Planted near-duplicates: the same note (links and all, none to its original) with one sentence more.
        for k in [10, 40, 90] where k < noteCount {
            let copy = "dups/copy-\(k).md"
            try writeNote(k, as: copy, body: bodies[k] + " this copy was filed separately.")
            plantedPairs.append(("notes/n\(k).md", copy))
        }
        for j in 0..<20 {
            try write("# Sub \(j)\n\n\(bodies[noteCount + j])\n\n## Details\n\nBack to [[n\(j)]]. #sub\n", "notes/sub/s\(j).md")
            add("notes/sub/s\(j).md", "wikilink", "n\(j)", nil, ["notes/n\(j).md"])
            tags.insert("notes/sub/s\(j).md|sub")
        }
        try write("---\naliases: [AT, The Target]\n---\n# Alias target\n\n\(bodies[noteCount + 20])\n", "notes/Alias Target.md")
        try write("# Dup A\n\n\(bodies[noteCount + 21])\n", "a/dup.md")
        try write("# Dup B\n\n\(bodies[noteCount + 22])\n", "b/dup.md")
        let linkedSource = 60 % noteCount
        try write("# Linked copy\n\n\(bodies[linkedSource])\n\nFrom [[n\(linkedSource)]].\n", "dups/linked-copy.md")
        add("dups/linked-copy.md", "wikilink", "n\(linkedSource)", nil, ["notes/n\(linkedSource).md"])
        linkedPair = ("notes/n\(linkedSource).md", "dups/linked-copy.md")
        try write("""
            # Sourdough

            To bake sourdough bread, feed the starter with flour and water the evening before, let it bubble overnight,
            then mix it into the dough, fold the dough every half hour, shape a loaf and bake it in a hot covered pot.
            """, paraphrase.0)
        try write("""
            # Starter notes

            A naturally leavened loaf: nourish the levain with meal and H2O the night before so it ferments until morning,
            combine it with the rest of the ingredients, stretch the mass at intervals, form a boule and cook it in a very
            warm lidded Dutch oven.
            """, paraphrase.1)
    }

    private func write(_ text: String, _ relative: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private mutating func add(_ source: String, _ kind: String, _ target: String, _ anchor: String? = nil, _ candidates: [String]) {
        edges.append(Edge(source: source, kind: kind, target: target, anchor: anchor, candidates: candidates))
    }

    /// Note `i` of `notes/` (its links and tags as note `i` has them) written at `source` with `body`.
    private mutating func writeNote(_ i: Int, as source: String, body: String) throws {
        var lines = ["---", "tags: [vault, group-\(i % 3)]"]
        tags.formUnion(["\(source)|vault", "\(source)|group-\(i % 3)"])
        if i % 11 == 0 {
            lines.append("related:\n  - \"[[s\(i % 20)]]\"\n  - ../b/dup.md")
            add(source, "frontmatter", "s\(i % 20)", nil, ["notes/sub/s\(i % 20).md"])
            add(source, "frontmatter", "../b/dup.md", nil, ["b/dup.md"])
        }
        lines += ["---", "# Note \(i)", "", body, ""]
        var links: [String] = []
        if i + 1 < noteCount {
            links.append("See [[n\(i + 1)|the next note]]")
            add(source, "wikilink", "n\(i + 1)", nil, ["notes/n\(i + 1).md"])
        }
        if i + 2 < noteCount {
            links.append("[the one after](n\(i + 2).md#Note%20\(i + 2))")
            add(source, "link", "n\(i + 2).md", "Note \(i + 2)", ["notes/n\(i + 2).md"])
        }
        links.append("![[sub/s\(i % 20)#Details]]")
        add(source, "embed", "sub/s\(i % 20)", "Details", ["notes/sub/s\(i % 20).md"])
        lines.append(links.joined(separator: ", ") + ".")
        if i % 10 == 0 {
            lines.append("Also [[missing-\(i)]] which nobody wrote.")
            add(source, "wikilink", "missing-\(i)", nil, [])
        }
        if i % 25 == 0 {
            lines.append("And the ambiguous [[dup]].")
            add(source, "wikilink", "dup", nil, ["a/dup.md", "b/dup.md"])
        }
        if i % 7 == 0 {
            lines.append("An <a href=\"sub/s\(i % 20).md\">HTML link</a> and [a web page](https://example.org/n\(i).md).")
            add(source, "link", "sub/s\(i % 20).md", nil, [(source as NSString).deletingLastPathComponent + "/sub/s\(i % 20).md"])
        }
        if i == 1 {
            lines.append("The alias [[AT]] and [a reference][ref].\n\n[ref]: <../notes/Alias%20Target.md>")
            add(source, "wikilink", "AT", nil, ["notes/Alias Target.md"])
            add(source, "link", "../notes/Alias Target.md", nil, ["notes/Alias Target.md"])
        }
        lines.append("Filed under #topic/\(i % 5).")
        tags.insert("\(source)|topic/\(i % 5)")
        lines += ["", "```markdown", "#not-a-tag [[n0]] [x](n0.md)", "```", "Inline `#code-tag [[n1]]` is code.", ""]
        try write(lines.joined(separator: "\n"), source)
    }

    /// Records that the file at `old` was moved to `new`: its edges and tags now come from `new`.
    public mutating func moveSource(_ old: String, to new: String) {
        for index in edges.indices where edges[index].source == old { edges[index].source = new }
        tags = Set(tags.map { $0.hasPrefix(old + "|") ? new + $0.dropFirst(old.count) : $0 })
    }

    /// The (source, tag) pairs of the files that exist now.
    public func expectedTags(existing: Set<String>) -> Set<String> {
        tags.filter { existing.contains(String($0.split(separator: "|")[0])) }
    }

    /// Every edge as "source|kind|target|anchor|resolved" (resolved: the one existing candidate,
    /// else "-"), given the files that exist now (relative paths).
    public func expectedEdges(existing: Set<String>) -> Set<String> {
        Set(edges.filter { existing.contains($0.source) }.map { edge in
            let present = edge.candidates.filter(existing.contains)
            return "\(edge.source)|\(edge.kind)|\(edge.target)|\(edge.anchor ?? "-")|\(present.count == 1 ? present[0] : "-")"
        })
    }

    /// Every file of the vault now (relative paths).
    public func existingFiles() throws -> Set<String> {
        let base = root.standardizedFileURL.path + "/"
        var files = Set<String>()
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
            }
        }
        return files
    }

    private static func cranfieldBodies(count: Int) throws -> [String] {
        let lines = try Data(contentsOf: ProjectFixtures.cranfield.appendingPathComponent("corpus.jsonl")).split(separator: UInt8(ascii: "\n"))
        return try lines.prefix(count).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            return object["text"] as? String ?? ""
        }
    }
}
