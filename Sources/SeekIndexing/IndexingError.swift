/// Errors that stop an indexing run as a whole (one bad file never does: it is recorded as failed).
public enum IndexingError: Error, CustomStringConvertible, Equatable {
    /// A root to index does not exist or is not a folder or file.
    case invalidRoot(path: String, reason: String)
    /// The run was cancelled.
    case cancelled
    /// The store refused to record a failed or skipped file (its path or reason cannot be stored):
    /// the run cannot go on without losing track of that file.
    case storeRefused(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidRoot(let path, let reason): "cannot index \(path): \(reason)"
        case .cancelled: "indexing was cancelled"
        case .storeRefused(let path, let reason): "the store refused to record \(path): \(reason)"
        }
    }
}
