/// Errors that stop an indexing run as a whole (one bad file never does: it is recorded as failed).
public enum IndexingError: Error, CustomStringConvertible, Equatable {
    /// A root to index does not exist or is not a folder or file.
    case invalidRoot(path: String, reason: String)
    /// The run was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .invalidRoot(let path, let reason): "cannot index \(path): \(reason)"
        case .cancelled: "indexing was cancelled"
        }
    }
}
