import SeekCore

/// One file's outcome for `IndexWriter.writeFiles(_:)`: the rows that replace whatever the index
/// held for its path.
public enum FileWrite: Sendable {
    /// A file with its extracted text, its chunks and one unit-length embedding per chunk, made in
    /// `vectorPrecision` (`ComputePrecision`'s raw value: fp32, bf16, int8).
    case indexed(FileInput, document: ExtractedDocument, chunks: [ChunkDraft], embeddings: [[Float]], vectorPrecision: String)
    /// A file that failed or was skipped, with the reason; its old chunks and text are deleted.
    case unindexed(FileInput, status: FileStatus, reason: String)

    /// The file this write is about.
    public var file: FileInput {
        switch self {
        case .indexed(let file, _, _, _, _), .unindexed(let file, _, _): file
        }
    }
}
