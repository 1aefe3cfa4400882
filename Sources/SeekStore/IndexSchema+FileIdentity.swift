import GRDB

extension IndexSchema {
    /// v4: each file's status-change time and identity (`ctime`, device, inode) beside its size
    /// and modification time. A tool that edits a file and sets its modification time back keeps
    /// size and mtime, but not ctime: comparing all of them (as git does) catches the change.
    /// Rows written before v4 hold NULL until the file is next seen.
    static func registerFileIdentity(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN ctime REAL;
                ALTER TABLE files ADD COLUMN device INTEGER;
                ALTER TABLE files ADD COLUMN inode INTEGER;
                """)
        }
    }
}
