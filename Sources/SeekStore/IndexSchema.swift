import GRDB

/// The index's tables and their versioned migrations. Later schema changes append migrations
/// ("v2", "v3"...); a registered migration is never edited once released.
enum IndexSchema {
    /// FTS5 tokenizer of `chunks_fts` as v1 created it; v2 rebuilds the table with
    /// `stemmedFullTextTokenizer`. Changing it needs a migration that rebuilds the table.
    static let fullTextTokenizer = "unicode61 remove_diacritics 2"

    /// Keys of the `meta` table.
    enum MetaKey {
        static let modelId = "model_id"
        static let dimension = "dimension"
        static let createdAt = "created_at"
        static let seekVersion = "seek_version"
        /// Incremented by every write transaction: readers holding derived data (a loaded vector
        /// matrix) compare it to know when to reload.
        static let writeGeneration = "write_generation"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE TABLE roots (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    added_at REAL NOT NULL
                );
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    root_id INTEGER NOT NULL REFERENCES roots(id) ON DELETE CASCADE,
                    path TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    mtime REAL NOT NULL,
                    content_hash TEXT,
                    parser TEXT,
                    parser_version TEXT,
                    status TEXT NOT NULL CHECK (status IN ('indexed', 'failed', 'skipped')),
                    reason TEXT,
                    chunk_count INTEGER NOT NULL DEFAULT 0,
                    title TEXT,
                    indexed_at REAL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX files_root_id ON files(root_id);
                CREATE INDEX files_status ON files(status);
                CREATE TABLE documents (
                    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    metadata TEXT NOT NULL
                );
                -- AUTOINCREMENT: chunk ids are never reused, so an id cached by a reader
                -- (a loaded vector matrix) can never point at a different chunk later.
                CREATE TABLE chunks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    start_offset INTEGER NOT NULL,
                    end_offset INTEGER NOT NULL,
                    page INTEGER,
                    heading_path TEXT NOT NULL,
                    token_count INTEGER NOT NULL,
                    text_hash TEXT NOT NULL,
                    UNIQUE (file_id, ordinal)
                );
                CREATE INDEX chunks_text_hash ON chunks(text_hash);
                CREATE TABLE vectors (
                    chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
                    embedding BLOB NOT NULL
                );
                CREATE TABLE vector_codes (
                    chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
                    code BLOB NOT NULL,
                    scale REAL NOT NULL
                );
                CREATE VIRTUAL TABLE chunks_fts USING fts5(
                    text, title, path,
                    tokenize = '\(fullTextTokenizer)'
                );
                -- Fires for direct deletes and for ON DELETE CASCADE from files and roots alike.
                CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
                    DELETE FROM chunks_fts WHERE rowid = old.id;
                END;
                INSERT INTO meta (key, value) VALUES ('\(MetaKey.writeGeneration)', '0');
                """)
        }
        registerStemmedFullText(&migrator)
        registerSnapshots(&migrator)
        registerFileIdentity(&migrator)
        registerGraph(&migrator)
        registerVectorPrecision(&migrator)
        return migrator
    }
}
