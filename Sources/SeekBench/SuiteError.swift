/// Errors of the search suite: finding, reading and comparing suite files.
public enum SuiteError: Error, CustomStringConvertible, Equatable {
    /// No default suite file in any of the searched places.
    case notFound(searched: [String])
    /// A file that cannot be read.
    case unreadable(path: String, reason: String)
    /// A line of a queries file that is not a valid query.
    case invalidQuery(path: String, line: Int, reason: String)
    /// A queries file without any query.
    case empty(path: String)
    /// A suite result file that cannot be decoded.
    case invalidReport(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let searched):
            "the default search suite bench/suite/sample-queries.jsonl was not found (looked in \(searched.joined(separator: ", "))); pass --queries FILE"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidQuery(let path, let line, let reason): "\(path):\(line): not a suite query: \(reason)"
        case .empty(let path): "\(path) has no query"
        case .invalidReport(let path, let reason): "\(path) is not a suite result file: \(reason)"
        }
    }
}
