import GRDB
import GRDBSQLite

/// Steps a `SELECT id, blob [, real]` statement with the SQLite C API and hands each row's BLOB
/// to the caller as raw bytes, without a per-row `Data`: the bulk vector loaders copy them straight
/// into one preallocated matrix. (GRDB's row cursor measured ~40% slower on 100k × 1.5 KB rows.)
enum VectorBlobScanner {
    /// Calls `body(id, blobBytes, real)` for every row of `sql`, in order. `blobBytes` is only
    /// valid during the call; `real` is the third column, or 0 when the statement has two.
    static func forEachRow(
        _ db: Database, sql: String, _ body: (Int64, UnsafeRawBufferPointer, Double) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let hasReal = sqlite3_column_count(handle) > 2
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            let id = sqlite3_column_int64(handle, 0)
            let byteCount = Int(sqlite3_column_bytes(handle, 1))
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, 1), count: byteCount)
            try body(id, bytes, hasReal ? sqlite3_column_double(handle, 2) : 0)
        }
    }
}
