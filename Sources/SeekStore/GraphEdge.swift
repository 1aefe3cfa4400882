import SeekCore

/// One stored edge of the knowledge graph, with the paths of both ends.
public struct GraphEdge: Sendable, Equatable {
    /// The file the edge is written in.
    public var sourcePath: String
    public var kind: DocumentLink.Kind
    /// The target as written (a path, a wikilink name) or the tag.
    public var target: String
    /// Heading or anchor after `#`; nil when none.
    public var anchor: String?
    /// The file the target resolved to; nil for tags and unresolved links.
    public var targetPath: String?
    /// Id of the chunk holding the edge; nil for front matter.
    public var chunkId: Int64?
    /// The text of that chunk (filled for backlinks).
    public var chunkText: String?

    public init(sourcePath: String, kind: DocumentLink.Kind, target: String, anchor: String?, targetPath: String?,
                chunkId: Int64?, chunkText: String?) {
        self.sourcePath = sourcePath
        self.kind = kind
        self.target = target
        self.anchor = anchor
        self.targetPath = targetPath
        self.chunkId = chunkId
        self.chunkText = chunkText
    }
}
