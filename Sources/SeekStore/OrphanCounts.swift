/// Rows that break the index's invariants (all 0 in a healthy index), for `seek validate`.
public struct OrphanCounts: Sendable, Equatable {
    /// Chunks with no Float32 vector.
    public var chunksWithoutVector: Int
    /// Chunks with no int8 code.
    public var chunksWithoutCode: Int
    /// Chunks with no full-text row.
    public var chunksWithoutFullTextRow: Int
    /// Vectors whose chunk is gone.
    public var vectorsWithoutChunk: Int
    /// Int8 codes whose chunk is gone.
    public var codesWithoutChunk: Int
    /// Full-text rows whose chunk is gone.
    public var fullTextRowsWithoutChunk: Int
    /// Indexed files whose `chunk_count` differs from their stored chunks.
    public var filesWithWrongChunkCount: Int
    /// Failed or skipped files that still have chunks.
    public var unindexedFilesWithChunks: Int

    /// True when every count is 0.
    public var isClean: Bool {
        [chunksWithoutVector, chunksWithoutCode, chunksWithoutFullTextRow, vectorsWithoutChunk,
         codesWithoutChunk, fullTextRowsWithoutChunk, filesWithWrongChunkCount, unindexedFilesWithChunks]
            .allSatisfy { $0 == 0 }
    }

    public init(
        chunksWithoutVector: Int, chunksWithoutCode: Int, chunksWithoutFullTextRow: Int, vectorsWithoutChunk: Int,
        codesWithoutChunk: Int, fullTextRowsWithoutChunk: Int, filesWithWrongChunkCount: Int, unindexedFilesWithChunks: Int
    ) {
        self.chunksWithoutVector = chunksWithoutVector
        self.chunksWithoutCode = chunksWithoutCode
        self.chunksWithoutFullTextRow = chunksWithoutFullTextRow
        self.vectorsWithoutChunk = vectorsWithoutChunk
        self.codesWithoutChunk = codesWithoutChunk
        self.fullTextRowsWithoutChunk = fullTextRowsWithoutChunk
        self.filesWithWrongChunkCount = filesWithWrongChunkCount
        self.unindexedFilesWithChunks = unindexedFilesWithChunks
    }
}
