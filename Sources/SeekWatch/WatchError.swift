/// Why a watcher cannot start.
public enum WatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system refused the watch facility itself (inotify instances exhausted...).
    case unavailable(reason: String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "cannot watch for changes: \(reason)"
        }
    }
}
