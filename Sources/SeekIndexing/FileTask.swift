import SeekCore
import SeekIngest
import SeekStore

/// A file the planner decided to (re)process, with what the index knew of it.
struct FileTask: Sendable {
    let file: ScannedFile
    let rootPath: String
    let previous: FileState?
    let parser: any DocumentParser

    var input: FileInput {
        FileInput(path: file.path, rootPath: rootPath, size: file.sizeBytes, mtime: file.modificationTime,
                  contentHash: nil, parser: parser.name, parserVersion: String(parser.version),
                  identity: FileIdentityStamp(changeTime: file.changeTime, device: file.device, inode: file.inode))
    }
}

/// A file parsed and chunked, waiting for its embeddings.
struct ParsedFile: Sendable {
    let input: FileInput
    let document: ExtractedDocument
    let chunks: [ChunkDraft]
}

/// What the writer stage stores, each in its own transaction.
enum WriteItem: Sendable {
    /// A file with all its chunk vectors.
    case indexed(ParsedFile, embeddings: [[Float]])
    /// A failed or skipped file, with the reason.
    case unindexed(FileInput, status: FileStatus, reason: String)
    /// A file whose contents did not change (same hash): only its size, times and identity are updated.
    case touched(path: String, size: Int64, mtime: Double, identity: FileIdentityStamp?)
    /// Files gone from disk.
    case removed(paths: [String])
    /// A missing root dropped with all its files (`--prune-missing`).
    case removedRoot(path: String)
}
