/// The first few ids of the rows breaking each invariant counted by `OrphanCounts`, ascending, so
/// a report can name them; plus chunks whose file row is gone (only possible with foreign keys off).
public struct InvariantSamples: Sendable, Equatable {
    /// Chunk ids without a Float32 vector.
    public var chunksWithoutVector: [Int64]
    /// Chunk ids without an Int8 code.
    public var chunksWithoutCode: [Int64]
    /// Chunk ids without a full-text row.
    public var chunksWithoutFullTextRow: [Int64]
    /// Chunk ids of vectors whose chunk is gone.
    public var vectorsWithoutChunk: [Int64]
    /// Chunk ids of codes whose chunk is gone.
    public var codesWithoutChunk: [Int64]
    /// Row ids of full-text rows whose chunk is gone.
    public var fullTextRowsWithoutChunk: [Int64]
    /// Paths of indexed files whose `chunk_count` differs from their stored chunks.
    public var filesWithWrongChunkCount: [String]
    /// Paths of failed or skipped files that still have chunks.
    public var unindexedFilesWithChunks: [String]
    /// How many chunks point at a file row that does not exist.
    public var chunksWithoutFileCount: Int
    /// Their ids.
    public var chunksWithoutFile: [Int64]

    public init(
        chunksWithoutVector: [Int64], chunksWithoutCode: [Int64], chunksWithoutFullTextRow: [Int64], vectorsWithoutChunk: [Int64],
        codesWithoutChunk: [Int64], fullTextRowsWithoutChunk: [Int64], filesWithWrongChunkCount: [String],
        unindexedFilesWithChunks: [String], chunksWithoutFileCount: Int, chunksWithoutFile: [Int64]
    ) {
        self.chunksWithoutVector = chunksWithoutVector
        self.chunksWithoutCode = chunksWithoutCode
        self.chunksWithoutFullTextRow = chunksWithoutFullTextRow
        self.vectorsWithoutChunk = vectorsWithoutChunk
        self.codesWithoutChunk = codesWithoutChunk
        self.fullTextRowsWithoutChunk = fullTextRowsWithoutChunk
        self.filesWithWrongChunkCount = filesWithWrongChunkCount
        self.unindexedFilesWithChunks = unindexedFilesWithChunks
        self.chunksWithoutFileCount = chunksWithoutFileCount
        self.chunksWithoutFile = chunksWithoutFile
    }
}
