import GRDB

extension IndexSchema {
    /// v3: the `snapshots` table, one row of counts per indexing run (see `IndexWriter.recordSnapshot`),
    /// so `seek validate` can tell a sudden drop in files or chunks from a normal run.
    static func registerSnapshots(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE snapshots (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    taken_at REAL NOT NULL,
                    files INTEGER NOT NULL,
                    chunks INTEGER NOT NULL,
                    vectors INTEGER NOT NULL,
                    fts_rows INTEGER NOT NULL,
                    db_bytes INTEGER NOT NULL,
                    files_by_status TEXT NOT NULL
                );
                """)
        }
    }
}
