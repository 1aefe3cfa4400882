import GRDB

extension IndexSchema {
    /// FTS5 tokenizer of `chunks_fts` from migration v2 on: unicode61 (case and accent folding)
    /// followed by the Porter stemmer, so "flows", "flowing" and "flow" match each other. On the
    /// Cranfield collection it lifts keyword nDCG@10 from 0.358 to 0.377 and hybrid from 0.427 to 0.431.
    static let stemmedFullTextTokenizer = "porter unicode61 remove_diacritics 2"

    /// v2: rebuilds `chunks_fts` with `stemmedFullTextTokenizer`, re-reading every chunk's text,
    /// its file's title (the file name when none) and path, and recreates the delete trigger.
    static func registerStemmedFullText(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS chunks_fts_delete;
                DROP TABLE IF EXISTS chunks_fts;
                CREATE VIRTUAL TABLE chunks_fts USING fts5(
                    text, title, path,
                    tokenize = '\(stemmedFullTextTokenizer)'
                );
                INSERT INTO chunks_fts (rowid, text, title, path)
                    SELECT c.id, c.text, COALESCE(f.title, f.path), f.path FROM chunks c JOIN files f ON f.id = c.file_id;
                CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
                    DELETE FROM chunks_fts WHERE rowid = old.id;
                END;
                """)
        }
    }
}
