/// What `IndexValidator` checks in the knowledge graph: edges pointing at rows that do not
/// exist, edges in a chunk of another file, tags with a target, indexed files with chunks but
/// no document vector, and document vectors of other files.
public struct GraphAudit: Sendable, Equatable {
    /// Edges whose source file row is missing (edge ids).
    public var edgesWithoutSource: [Int64] = []
    public var edgesWithoutSourceCount = 0
    /// Edges whose target file id names no file (edge ids).
    public var edgesWithDanglingTarget: [Int64] = []
    public var edgesWithDanglingTargetCount = 0
    /// Edges whose chunk is missing or belongs to another file (edge ids).
    public var edgesWithForeignChunk: [Int64] = []
    public var edgesWithForeignChunkCount = 0
    /// Tag edges with a target file (edge ids).
    public var tagsWithTarget: [Int64] = []
    public var tagsWithTargetCount = 0
    /// Indexed files with chunks but no document vector (paths).
    public var filesWithoutDocumentVector: [String] = []
    public var filesWithoutDocumentVectorCount = 0
    /// Document vectors of files that are not indexed with chunks (file ids).
    public var strayDocumentVectors: [Int64] = []
    public var strayDocumentVectorsCount = 0

    public init() {}
}
