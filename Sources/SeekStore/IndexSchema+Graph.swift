import Foundation
import GRDB

extension IndexSchema {
    /// v5: the knowledge graph. `files.name_key` (the lowercased file name without extension, for
    /// Obsidian-style resolution), `file_aliases` (front-matter aliases), `edges` (links, wikilinks,
    /// embeds, tags and front-matter relations; the target is a file id or, unresolved, NULL with
    /// the text kept) and `document_vectors` (the normalised mean of a file's chunk vectors).
    /// Targets are foreign keys with ON DELETE SET NULL, so a deleted file turns its incoming edges
    /// unresolved, never dangling. Existing rows get their name keys and document vectors here;
    /// edges come from the bumped parser versions re-extracting the files.
    static func registerGraph(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                ALTER TABLE files ADD COLUMN name_key TEXT;
                CREATE INDEX files_name_key ON files(name_key);
                CREATE TABLE file_aliases (
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    alias_key TEXT NOT NULL,
                    PRIMARY KEY (file_id, alias_key)
                );
                CREATE INDEX file_aliases_key ON file_aliases(alias_key);
                CREATE TABLE edges (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    chunk_id INTEGER REFERENCES chunks(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('link', 'wikilink', 'embed', 'tag', 'frontmatter')),
                    target_text TEXT NOT NULL,
                    anchor TEXT,
                    target_path TEXT,
                    target_name TEXT,
                    target_file_id INTEGER REFERENCES files(id) ON DELETE SET NULL
                );
                CREATE INDEX edges_source ON edges(source_file_id);
                CREATE INDEX edges_chunk ON edges(chunk_id);
                CREATE INDEX edges_target ON edges(target_file_id);
                CREATE INDEX edges_target_name ON edges(target_name);
                CREATE INDEX edges_target_path ON edges(target_path);
                CREATE INDEX edges_kind_text ON edges(kind, target_text);
                CREATE TABLE document_vectors (
                    file_id INTEGER PRIMARY KEY REFERENCES files(id) ON DELETE CASCADE,
                    embedding BLOB NOT NULL
                );
                ALTER TABLE snapshots ADD COLUMN edges INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE snapshots ADD COLUMN unresolved_links INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE snapshots ADD COLUMN tags INTEGER NOT NULL DEFAULT 0;
                """)
            for row in try Row.fetchAll(db, sql: "SELECT id, path FROM files") {
                let path: String = row[1]
                try db.execute(sql: "UPDATE files SET name_key = ? WHERE id = ?", arguments: [GraphKeys.nameKey(ofPath: path), row[0] as Int64])
            }
            let dimension = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [MetaKey.dimension]).flatMap { Int($0) }
            guard let dimension, dimension > 0 else { return }
            var sums: [Int64: [Float]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT c.file_id, v.embedding FROM chunks c JOIN vectors v ON v.chunk_id = c.id")
            while let row = try rows.next() {
                let fileId: Int64 = row[0]
                let data: Data = row[1]
                guard data.count == dimension * 4 else { continue }
                var vector = [Float](repeating: 0, count: dimension)
                vector.withUnsafeMutableBufferPointer { VectorCodec.decodeFloat32(data, into: $0) }
                var sum = sums[fileId] ?? [Float](repeating: 0, count: dimension)
                for index in 0..<dimension { sum[index] += vector[index] }
                sums[fileId] = sum
            }
            for (fileId, sum) in sums {
                guard let mean = GraphKeys.normalized(sum) else { continue }
                try db.execute(sql: "INSERT INTO document_vectors (file_id, embedding) VALUES (?, ?)",
                               arguments: [fileId, VectorCodec.encodeFloat32(mean)])
            }
        }
    }
}
