/// Errors of the run log (`<index dir>/runs.jsonl`), with the file and the system's reason.
public enum RunLogError: Error, CustomStringConvertible, Equatable {
    /// The log (or its directory) could not be created or opened.
    case openFailed(path: String, reason: String)
    /// A line could not be written.
    case writeFailed(path: String, reason: String)
    /// The log exists but could not be read.
    case readFailed(path: String, reason: String)
    /// A record could not be encoded.
    case encodingFailed(operation: String, reason: String)

    public var description: String {
        switch self {
        case .openFailed(let path, let reason): "cannot open the run log \(path): \(reason)"
        case .writeFailed(let path, let reason): "cannot append to the run log \(path): \(reason)"
        case .readFailed(let path, let reason): "cannot read the run log \(path): \(reason)"
        case .encodingFailed(let operation, let reason): "cannot encode the run record of '\(operation)': \(reason)"
        }
    }
}
