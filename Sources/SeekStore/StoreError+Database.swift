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
            throw .sqlFailed(sql: error.sql ?? context, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        } catch {
            throw .invalidData(reason: "\(context): \(error)")
        }
    }
}
