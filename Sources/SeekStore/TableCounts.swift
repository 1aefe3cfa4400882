/// Raw row counts per table, for `seek validate`.
public struct TableCounts: Sendable, Equatable {
    // One field per table: roots, files, documents, chunks, vectors, vector_codes.
    public var roots: Int
    public var files: Int
    public var documents: Int
    public var chunks: Int
    public var vectors: Int
    public var vectorCodes: Int
    /// Rows of the full-text table.
    public var fullTextRows: Int

    public init(roots: Int, files: Int, documents: Int, chunks: Int, vectors: Int, vectorCodes: Int, fullTextRows: Int) {
        self.roots = roots
        self.files = files
        self.documents = documents
        self.chunks = chunks
        self.vectors = vectors
        self.vectorCodes = vectorCodes
        self.fullTextRows = fullTextRows
    }
}
