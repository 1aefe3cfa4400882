/// What became of one file in an indexing run, reported once its transaction has committed
/// (`IndexingPipeline.run(_:progress:onFile:)`). Unchanged files are not reported.
public enum IndexedFileChange: Sendable, Equatable {
    /// Its chunks were (re)written.
    case indexed(path: String, chunks: Int)
    /// It could not be indexed; its old chunks are gone.
    case failed(path: String, reason: String)
    /// It was left out on purpose (too large, unknown binary, a link not followed...).
    case skipped(path: String, reason: String)
    /// It is gone from disk (or its root was dropped), with its rows.
    case removed(path: String)

    /// The file's path.
    public var path: String {
        switch self {
        case .indexed(let path, _), .failed(let path, _), .skipped(let path, _), .removed(let path): path
        }
    }
}
