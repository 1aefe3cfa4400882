import GRDB

extension StoreError {
    /// Runs `body` and turns whatever it throws into a `StoreError`: SQLite errors become
    /// `sqlFailed` with the failing statement (or `context` when SQLite does not name one).
    static func wrapping<T>(context: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw from(error, context: context)
        } catch {
            throw .invalidData(reason: "\(context): \(error)")
        }
    }

    /// A SQLite error as a `StoreError`: damage (`SQLITE_CORRUPT`, `SQLITE_NOTADB`) as `damaged`
    /// (one clear message, not a statement full of placeholders), else `sqlFailed` with the
    /// failing statement.
    static func from(_ error: DatabaseError, context: String) -> StoreError {
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(reason: message)
        case .SQLITE_READONLY:
            return .readOnly(path: context, reason: message)
        default:
            return .sqlFailed(sql: error.sql ?? context, reason: message)
        }
    }
}
