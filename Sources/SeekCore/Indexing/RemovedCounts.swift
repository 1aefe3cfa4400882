/// What a removal deleted (documents, vectors, codes and full-text rows go with their files and chunks).
public struct RemovedCounts: Sendable, Equatable {
    /// File rows deleted.
    public var files: Int
    /// Chunk rows deleted (each with its vector, int8 code and full-text row).
    public var chunks: Int

    public init(files: Int, chunks: Int) {
        self.files = files
        self.chunks = chunks
    }
}
