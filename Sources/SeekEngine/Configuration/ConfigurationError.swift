/// A configuration file or flag that cannot be used.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case invalid(path: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read configuration \(path): \(reason)"
        case .invalid(let path, let key, let reason):
            key.isEmpty ? "invalid configuration \(path): \(reason)" : "invalid configuration \(path): \(key) \(reason)"
        }
    }
}
