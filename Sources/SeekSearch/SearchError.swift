import SeekStore

/// Errors of queries and evaluation. A bad query gets a clear message, never an SQL error.
public enum SearchError: Error, CustomStringConvertible, Equatable {
    /// The query cannot be answered as given (empty, no searchable terms, bad filter...).
    case invalidQuery(reason: String)
    /// An evaluation dataset is missing a file or has a malformed line.
    case invalidDataset(path: String, reason: String)
    /// The index could not be read.
    case store(StoreError)
    /// An index in another store (PostgreSQL) could not be read; the reason names the operation.
    case indexUnreadable(reason: String)
    /// The index changed while it was being loaded, again and again, or its tables disagree.
    case inconsistentIndex(reason: String)
    /// The query could not be embedded.
    case embeddingFailed(reason: String)
    /// Cross-encoder reranking was asked for without a reranker, or the reranker failed.
    case rerankFailed(reason: String)

    public var description: String {
        switch self {
        case .invalidQuery(let reason): "invalid query: \(reason)"
        case .invalidDataset(let path, let reason): "invalid dataset \(path): \(reason)"
        case .store(let error): "cannot read the index: \(error)"
        case .indexUnreadable(let reason): "cannot read the index: \(reason)"
        case .inconsistentIndex(let reason): "inconsistent index: \(reason)"
        case .embeddingFailed(let reason): "cannot embed the query: \(reason)"
        case .rerankFailed(let reason): "cannot rerank: \(reason)"
        }
    }
}
