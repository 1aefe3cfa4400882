/// The size of an index's knowledge graph: what `seek status` and snapshots report.
public struct GraphCounts: Sendable, Equatable, Codable {
    /// Files in the index (every status): the graph's nodes.
    public var nodes: Int
    /// Links, wikilinks, embeds and front-matter relations (tags not counted), resolved or not.
    public var edges: Int
    /// Edges whose target is no file of the index (missing or ambiguous).
    public var unresolvedLinks: Int
    /// Distinct tags.
    public var tags: Int

    enum CodingKeys: String, CodingKey {
        case nodes, edges, tags
        case unresolvedLinks = "unresolved_links"
    }

    public init(nodes: Int = 0, edges: Int = 0, unresolvedLinks: Int = 0, tags: Int = 0) {
        self.nodes = nodes
        self.edges = edges
        self.unresolvedLinks = unresolvedLinks
        self.tags = tags
    }
}
