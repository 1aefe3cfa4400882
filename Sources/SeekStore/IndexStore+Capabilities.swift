import GRDB

extension IndexStore {
    /// Probes the linked SQLite library in an in-memory database: its version, whether an FTS5
    /// table with the index's tokenizer compiles, and whether `dbstat` exists. Needs no index.
    public static func sqliteCapabilities() throws(StoreError) -> SQLiteCapabilities {
        try StoreError.wrapping(context: "probe SQLite") {
            let queue = try DatabaseQueue()
            return try queue.inDatabase { db in
                let version = try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? ""
                var fullTextError: String?
                do {
                    try db.execute(sql: "CREATE VIRTUAL TABLE probe_fts USING fts5(text, tokenize = '\(IndexSchema.stemmedFullTextTokenizer)')")
                    try db.execute(sql: "INSERT INTO probe_fts (text) VALUES ('flowing')")
                    let hits = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe_fts WHERE probe_fts MATCH 'flow'") ?? 0
                    if hits != 1 { fullTextError = "the porter tokenizer did not match 'flow' to 'flowing'" }
                } catch let error as DatabaseError {
                    fullTextError = error.message ?? "\(error)"
                }
                let hasDatabaseStatistics = (try? Row.fetchAll(db, sql: "SELECT name FROM dbstat LIMIT 1")) != nil
                return SQLiteCapabilities(version: version, fullTextError: fullTextError, hasDatabaseStatistics: hasDatabaseStatistics)
            }
        }
    }
}
