import Foundation
import GRDB
import SeekCore

extension IndexWriter {
    /// Where a stored chunk lies in the document's text, for placing edges in the chunk that holds them.
    package struct ChunkSpan: Sendable {
        package var start: Int
        package var end: Int
        package var id: Int64

        package init(start: Int, end: Int, id: Int64) {
            self.start = start
            self.end = end
            self.id = id
        }
    }

    /// Replaces the graph rows of the file at `row` inside the caller's transaction: its aliases,
    /// its outgoing edges (each in the chunk holding its offset, resolved at once) and its
    /// document vector (the normalised mean of `embeddings`); then re-resolves the edges of every
    /// file that may now point at it (or no longer may). Its name key was written with the file
    /// row (`upsertFile`); a new row has no earlier graph rows to delete.
    func writeGraph(_ db: Database, row: UpsertedFile, file: FileInput, document: ExtractedDocument?, chunks: [ChunkSpan],
                    embeddings: [[Float]]) throws {
        let fileId = row.id
        var oldAliases: [String] = []
        if !row.isNew {
            oldAliases = try String.fetchAll(db.cachedStatement(sql: "SELECT alias_key FROM file_aliases WHERE file_id = ?"), arguments: [fileId])
            try db.cachedStatement(sql: "DELETE FROM edges WHERE source_file_id = ?").execute(arguments: [fileId])
            try db.cachedStatement(sql: "DELETE FROM file_aliases WHERE file_id = ?").execute(arguments: [fileId])
            try db.cachedStatement(sql: "DELETE FROM document_vectors WHERE file_id = ?").execute(arguments: [fileId])
        }
        let newAliases = Set((document?.aliases ?? []).map { GraphKeys.storable(GraphKeys.aliasKey($0)) }.filter { !$0.isEmpty })
        for alias in newAliases {
            try db.cachedStatement(sql: "INSERT INTO file_aliases (file_id, alias_key) VALUES (?, ?)").execute(arguments: [fileId, alias])
        }
        if let document, !document.links.isEmpty {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO edges (source_file_id, chunk_id, kind, target_text, anchor, target_path, target_name)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for link in document.links.map(GraphKeys.storable) {
                let chunkId = link.offset.flatMap { Self.chunk(holding: $0, in: chunks) }
                if link.kind == .tag {
                    try insert.execute(arguments: [fileId, chunkId, link.kind.rawValue, link.target, nil, nil, nil])
                } else {
                    try insert.execute(arguments: [
                        fileId, chunkId, link.kind.rawValue, link.target, link.anchor,
                        GraphKeys.targetPath(of: link, sourcePath: file.path, rootPath: file.rootPath),
                        GraphKeys.nameLookup(of: link),
                    ])
                }
            }
        }
        if let mean = GraphKeys.documentVector(of: embeddings) {
            try db.cachedStatement(sql: "INSERT INTO document_vectors (file_id, embedding) VALUES (?, ?)")
                .execute(arguments: [fileId, VectorCodec.encodeFloat32(mean)])
        }
        let keys = Array(Set([row.nameKey]).union(newAliases).union(oldAliases))
        try resolveEdges(db, scope: """
            source_file_id = ? OR target_file_id = ? OR target_path = ? OR target_name IN (\(databaseQuestionMarks(count: keys.count)))
            """, arguments: StatementArguments([fileId, fileId]) + StatementArguments([file.path]) + StatementArguments(keys))
    }

    /// Re-resolves the non-tag edges matching `scope` (an SQL condition on `edges`): the file at
    /// the exact target path, else the one file whose name key or alias is the target's name;
    /// NULL (unresolved, text kept) when there is none or more than one.
    func resolveEdges(_ db: Database, scope: String, arguments: StatementArguments = StatementArguments()) throws {
        // Cached: the scopes of a run repeat (the same SQL for files with as many alias keys).
        try db.cachedStatement(sql: """
            UPDATE edges SET target_file_id = COALESCE(
                (SELECT id FROM files WHERE path = edges.target_path),
                (SELECT CASE WHEN COUNT(*) = 1 THEN MAX(candidate) END FROM (
                    SELECT id AS candidate FROM files WHERE name_key = edges.target_name
                    UNION SELECT file_id FROM file_aliases WHERE alias_key = edges.target_name)))
            WHERE kind != 'tag' AND (\(scope))
            """).execute(arguments: arguments)
    }

    /// The name and alias keys of the files at `paths` (before they are removed).
    func graphKeys(_ db: Database, paths: [String]) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: paths.count)
        let names = try String.fetchAll(db, sql: "SELECT name_key FROM files WHERE path IN (\(marks)) AND name_key IS NOT NULL",
                                        arguments: StatementArguments(paths))
        let aliases = try String.fetchAll(
            db, sql: "SELECT a.alias_key FROM file_aliases a JOIN files f ON f.id = a.file_id WHERE f.path IN (\(marks))",
            arguments: StatementArguments(paths))
        return Array(Set(names + aliases))
    }

    /// The id of the first chunk whose span holds `offset`, else the last chunk starting before it.
    package static func chunk(holding offset: Int, in chunks: [ChunkSpan]) -> Int64? {
        if let holding = chunks.first(where: { $0.start <= offset && offset < $0.end }) { return holding.id }
        return chunks.last(where: { $0.start <= offset })?.id ?? chunks.first?.id
    }
}
