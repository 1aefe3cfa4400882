import SeekCore

/// Errors of the SQLite index. SQL failures carry the statement that failed.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The index was built with another embedding model (or dimension): it must be rebuilt.
    case modelMismatch(path: String, indexModel: String, indexDimension: Int, expectedModel: String, expectedDimension: Int)
    /// No index exists at this path.
    case notFound(path: String)
    /// The database could not be opened or migrated.
    case openFailed(path: String, reason: String)
    /// A statement failed.
    case sqlFailed(sql: String, reason: String)
    /// A row or argument was not what the store expects.
    case invalidData(reason: String)
    /// The root was never added to the index (or was removed).
    case rootNotFound(path: String)
    /// The file is not in the index.
    case fileNotFound(path: String)
    /// The file is in the index but has no extracted text because it failed or was skipped.
    case notIndexed(path: String, status: FileStatus, reason: String?)
    /// SQLite found the database file damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`): `reason` is
    /// its message and where it was met.
    case damaged(reason: String)
    /// The index may be read but not written (opened read-only: no write permission, a
    /// read-only file system).
    case readOnly(path: String, reason: String)

    public var description: String {
        switch self {
        case .modelMismatch(let path, let indexModel, let indexDimension, let expectedModel, let expectedDimension):
            "the index at \(path) was built with \(indexModel) (dimension \(indexDimension)), not \(expectedModel) (dimension \(expectedDimension)); re-index: delete the index directory and run `seek index` again"
        case .notFound(let path):
            "no Seek index at \(path); run `seek index PATH` first"
        case .openFailed(let path, let reason):
            "cannot open the index at \(path): \(reason)"
        case .sqlFailed(let sql, let reason):
            "SQL failed: \(reason) in: \(sql)"
        case .invalidData(let reason):
            "invalid index data: \(reason)"
        case .rootNotFound(let path):
            "\(path) is not an indexed root"
        case .fileNotFound(let path):
            "\(path) is not in the index"
        case .notIndexed(let path, let status, let reason):
            "\(path) was not indexed (\(status.rawValue)\(reason.map { ": \($0)" } ?? ""))"
        case .damaged(let reason):
            "the index is damaged: \(reason)"
        case .readOnly(let path, let reason):
            "the index at \(path) is read-only (\(reason))"
        }
    }
}
