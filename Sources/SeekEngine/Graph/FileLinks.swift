/// A file's place in the graph (`seek links PATH`, the MCP `links` tool).
/// JSON: {"path","outgoing":[link],"backlinks":[backlink],"unresolved":[link],"tags":[...],"took_ms"}.
public struct FileLinks: Sendable, Codable, Equatable {
    /// One edge written in the file.
    public struct Link: Sendable, Codable, Equatable {
        /// `link`, `wikilink`, `embed` or `frontmatter`.
        public var kind: String
        /// The target as written.
        public var target: String
        public var anchor: String?
        /// The file it resolved to; absent when unresolved.
        public var path: String?

        public init(kind: String, target: String, anchor: String?, path: String?) {
            self.kind = kind
            self.target = target
            self.anchor = anchor
            self.path = path
        }
    }

    /// One edge of another file pointing here, with the text around it.
    public struct Backlink: Sendable, Codable, Equatable {
        /// The linking file.
        public var path: String
        public var kind: String
        public var target: String
        public var anchor: String?
        /// The linking chunk's text (whitespace collapsed, at most `GraphService.snippetLength` characters).
        public var snippet: String?

        public init(path: String, kind: String, target: String, anchor: String?, snippet: String?) {
            self.path = path
            self.kind = kind
            self.target = target
            self.anchor = anchor
            self.snippet = snippet
        }
    }

    public var path: String
    /// Resolved edges written in the file, in the order written.
    public var outgoing: [Link]
    /// Edges of indexed files resolved to this one, by linking path.
    public var backlinks: [Backlink]
    /// Edges written in the file whose target is missing or ambiguous.
    public var unresolved: [Link]
    /// The file's tags, sorted, without duplicates.
    public var tags: [String]
    public var tookMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case path, outgoing, backlinks, unresolved, tags
        case tookMilliseconds = "took_ms"
    }

    public init(path: String, outgoing: [Link], backlinks: [Backlink], unresolved: [Link], tags: [String], tookMilliseconds: Double) {
        self.path = path
        self.outgoing = outgoing
        self.backlinks = backlinks
        self.unresolved = unresolved
        self.tags = tags
        self.tookMilliseconds = tookMilliseconds
    }
}
