/// Errors of queries and evaluation. A bad query gets a clear message, never an SQL error.
public enum SearchError: Error, CustomStringConvertible, Equatable {
    /// The query cannot be answered as given (empty, no searchable terms, bad filter...).
    case invalidQuery(reason: String)
    /// An evaluation dataset is missing a file or has a malformed line.
    case invalidDataset(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidQuery(let reason): "invalid query: \(reason)"
        case .invalidDataset(let path, let reason): "invalid dataset \(path): \(reason)"
        }
    }
}
