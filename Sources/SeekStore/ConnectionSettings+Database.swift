import GRDB

extension ConnectionSettings {
    /// Reads the pragmas back from the connection `db`.
    static func read(_ db: Database) throws -> ConnectionSettings {
        ConnectionSettings(
            journalMode: (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "").lowercased(),
            busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? -1,
            foreignKeysEnabled: (try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? 0) == 1,
            synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
    }
}
