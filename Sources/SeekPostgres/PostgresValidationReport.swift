/// What `PostgresIndexStore.validate()` found. Foreign keys already rule out chunks without a
/// file and vectors without a chunk; these are the invariants the schema cannot express.
public struct PostgresValidationReport: Sendable, Equatable {
    /// Chunks that have no vector (every chunk must have exactly one; the primary key rules out two).
    public var chunksWithoutVector: Int
    /// Indexed files whose `chunk_count` differs from the chunks stored for them.
    public var filesWithWrongChunkCount: Int
    /// Failed or skipped files that still have chunks.
    public var unindexedFilesWithChunks: Int
    /// Vectors whose dimension is not the model's.
    public var vectorsWithWrongDimension: Int
    /// Vectors checked for unit length (a random sample of at most `sampleSize`).
    public var sampledVectors: Int
    /// Sampled vectors whose norm is not 1 within the write tolerance.
    public var nonUnitVectors: Int
    /// Indexed files with chunks but no document vector (the graph's `related` and `gaps` miss them).
    public var filesWithoutDocumentVector: Int = 0
    /// Graph edges that break the graph's rules: tags with a target file, edges written in a
    /// failed or skipped file, links resolved to a file of another namespace.
    public var invalidEdges: Int = 0
    /// Indexed files that wait to be extracted again (made before the link graph, schema v3):
    /// not an error, the next `seek index` does it.
    public var filesAwaitingExtraction: Int = 0

    public init(
        chunksWithoutVector: Int, filesWithWrongChunkCount: Int, unindexedFilesWithChunks: Int, vectorsWithWrongDimension: Int,
        sampledVectors: Int, nonUnitVectors: Int
    ) {
        self.chunksWithoutVector = chunksWithoutVector
        self.filesWithWrongChunkCount = filesWithWrongChunkCount
        self.unindexedFilesWithChunks = unindexedFilesWithChunks
        self.vectorsWithWrongDimension = vectorsWithWrongDimension
        self.sampledVectors = sampledVectors
        self.nonUnitVectors = nonUnitVectors
    }

    /// True when no invariant is broken.
    public var isValid: Bool {
        chunksWithoutVector == 0 && filesWithWrongChunkCount == 0 && unindexedFilesWithChunks == 0 && vectorsWithWrongDimension == 0
            && nonUnitVectors == 0 && filesWithoutDocumentVector == 0 && invalidEdges == 0
    }
}
