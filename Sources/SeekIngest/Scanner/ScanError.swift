/// Errors that stop a scan before it starts. Problems with single entries never throw: they are
/// reported in `ScanReport.problems` and the walk goes on.
public enum ScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The root does not exist (or is a symlink whose target does not exist).
    case rootNotFound(path: String)
    /// The root exists but cannot be read (permission denied, I/O error...).
    case rootUnreadable(path: String, reason: String)
    /// The root is neither a regular file nor a directory (FIFO, socket, device).
    case rootNotIndexable(path: String, kind: String)
    /// The configuration holds a value the scanner cannot honour.
    case invalidConfiguration(field: String, reason: String)
    /// A path handed to `IgnoreRules.decision(for:isDirectory:)` is not a relative path.
    case invalidRelativePath(String)

    public var description: String {
        switch self {
        case .rootNotFound(let path): "cannot scan \(path): no such file or directory"
        case .rootUnreadable(let path, let reason): "cannot scan \(path): \(reason)"
        case .rootNotIndexable(let path, let kind): "cannot scan \(path): it is a \(kind), not a file or folder"
        case .invalidConfiguration(let field, let reason): "invalid scan configuration: \(field) \(reason)"
        case .invalidRelativePath(let path): "not a relative path: \"\(path)\""
        }
    }
}
