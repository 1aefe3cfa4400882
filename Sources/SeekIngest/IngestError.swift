/// Errors of scanning and parsing. A parse error fails only its own file; the run goes on.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    /// The file or folder could not be read (permissions, vanished, I/O error).
    case unreadable(path: String, reason: String)
    /// The file is of a known type but its contents are broken (truncated PDF, broken zip...).
    case corrupt(path: String, parser: String, reason: String)
    /// The file is not of a type Seek indexes (binary of unknown type).
    case unsupported(path: String, reason: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .corrupt(let path, _, _), .unsupported(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .corrupt(let path, let parser, let reason): "\(parser) parser failed on \(path): \(reason)"
        case .unsupported(let path, let reason): "not indexed \(path): \(reason)"
        }
    }
}
