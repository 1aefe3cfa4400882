/// `seek tags [TAG]` and the MCP `tags` tool: every tag with its file count, or the files
/// carrying one tag (nested tags included). JSON: {"tag"?,"tags"?:[{"tag","files"}],"files"?:[path]}.
public struct TagReport: Sendable, Codable, Equatable {
    /// A tag and how many files carry it.
    public struct Count: Sendable, Codable, Equatable {
        public var tag: String
        public var files: Int

        public init(tag: String, files: Int) {
            self.tag = tag
            self.files = files
        }
    }

    /// The tag asked for; nil for the list of all tags.
    public var tag: String?
    /// All tags, most used first then by name (when no tag was asked for).
    public var tags: [Count]?
    /// The files carrying `tag`, by path (when one was asked for).
    public var files: [String]?

    public init(tag: String?, tags: [Count]?, files: [String]?) {
        self.tag = tag
        self.tags = tags
        self.files = files
    }
}
