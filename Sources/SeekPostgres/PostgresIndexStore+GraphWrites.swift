import Foundation
import PostgresNIO
import SeekCore
import SeekStore

/// The knowledge graph's writes, inside the transaction of the file they belong to (as SQLite's
/// `IndexWriter+Graph`): a file's name key, aliases, edges and document vector are replaced
/// with its chunks, and the edges that may now point at it, or no longer may, are resolved
/// again, all among the files of the writer's namespace.
///
/// Concurrent writers: under READ COMMITTED, a writer adding `[[b]]` and another adding `b.md`
/// could each commit without seeing the other's row, leaving the link unresolved. Each write
/// therefore first takes the advisory locks of every path and name it touches
/// (`PostgresGraphRows.lockKeys`), in one fixed order, after the file's path lock and before
/// any row changes: writers that could miss each other follow each other.
extension PostgresIndexStore {
    /// Takes, until the transaction ends, the graph locks of `keys` in this namespace and, given
    /// `aliasesOf`, of the aliases the file at that path has now (read under its path lock, so
    /// they are stable), in ascending key order (no deadlocks between writers taking
    /// overlapping sets). One round trip.
    static func lockGraphKeys(_ connection: PostgresConnection, namespace: String, keys: [String], aliasesOf path: String? = nil,
                              logger: Logger) async throws {
        try await connection.query("""
            SELECT pg_advisory_xact_lock(\(PostgresGraphRows.lockClass), key) FROM (
                SELECT DISTINCT hashtext(\(namespace) || E'\\n' || k) AS key FROM (
                    SELECT unnest(\(keys)::text[]) AS k
                    UNION ALL SELECT 'n:' || a.alias_key FROM file_aliases a JOIN files f ON f.id = a.file_id
                    WHERE f.namespace = \(namespace) AND f.path = \(path)::text
                ) AS wanted ORDER BY key
            ) AS keys
            """, logger: logger)
    }

    /// Inserts the chunks and vectors of file `fileId` (its old ones are gone: `upsertFile`) and
    /// replaces its graph rows (edges placed in their chunks by ordinal, aliases, document
    /// vector), all in one statement; then resolves the edges that involve the file and ends
    /// the write with `notifyChange`, in a second one (it must see the first's rows). Two round
    /// trips: a file's transaction is most of what indexing into PostgreSQL costs.
    static func writeChunksAndGraph(
        _ connection: PostgresConnection, fileId: Int64, path: String, namespace: String, chunks: PostgresChunkRows,
        graph: PostgresGraphRows, edges: String, logger: Logger
    ) async throws {
        var droppedAliases: [String] = []
        // Aliases kept are left in place (an insert of the same key would collide with its own
        // delete inside one statement); the ones dropped come back for the resolution below.
        // Edges are inserted in document order (their ids order `outgoing`, as in SQLite).
        for try await alias in try await connection.query("""
            WITH inserted AS (
                INSERT INTO chunks (file_id, ordinal, text, start_offset, end_offset, page, heading_path, token_count, text_hash)
                SELECT \(fileId), ordinal, text, start_offset, end_offset, NULLIF(page, 0), heading_path::jsonb, token_count, text_hash
                FROM unnest(\(chunks.ordinals)::int8[], \(chunks.texts)::text[], \(chunks.starts)::int8[], \(chunks.ends)::int8[],
                            \(chunks.pages)::int8[], \(chunks.headingPaths)::text[], \(chunks.tokenCounts)::int8[], \(chunks.textHashes)::text[])
                    AS t(ordinal, text, start_offset, end_offset, page, heading_path, token_count, text_hash)
                RETURNING id, ordinal
            ),
            stored_vectors AS (
                INSERT INTO vectors (chunk_id, embedding)
                SELECT i.id, t.embedding::vector
                FROM inserted i JOIN unnest(\(chunks.ordinals)::int8[], \(chunks.vectorLiterals)::text[]) AS t(ordinal, embedding)
                    ON t.ordinal = i.ordinal
            ),
            dropped_edges AS (DELETE FROM edges WHERE source_file_id = \(fileId)),
            dropped_aliases AS (
                DELETE FROM file_aliases WHERE file_id = \(fileId) AND NOT (alias_key = ANY(\(graph.aliasKeys)::text[])) RETURNING alias_key
            ),
            added_aliases AS (
                INSERT INTO file_aliases (file_id, namespace, alias_key)
                SELECT \(fileId), \(namespace), alias FROM unnest(\(graph.aliasKeys)::text[]) AS t(alias)
                ON CONFLICT (file_id, alias_key) DO NOTHING
            ),
            added_edges AS (
                INSERT INTO edges (source_file_id, namespace, chunk_id, kind, target_text, anchor, target_path, target_name)
                SELECT \(fileId), \(namespace), i.id, t.kind, t.target_text, t.anchor, t.target_path, t.target_name
                FROM ROWS FROM (jsonb_to_recordset(\(edges)::jsonb)
                        AS (chunk_ordinal int8, kind text, target_text text, anchor text, target_path text, target_name text))
                    WITH ORDINALITY AS t(chunk_ordinal, kind, target_text, anchor, target_path, target_name, position)
                LEFT JOIN inserted i ON i.ordinal = t.chunk_ordinal
                ORDER BY t.position
            ),
            stored_vector AS (
                INSERT INTO document_vectors (file_id, embedding)
                SELECT \(fileId), \(graph.documentVector)::vector WHERE \(graph.documentVector)::text IS NOT NULL
                ON CONFLICT (file_id) DO UPDATE SET embedding = excluded.embedding
            ),
            dropped_vector AS (DELETE FROM document_vectors WHERE file_id = \(fileId) AND \(graph.documentVector)::text IS NULL)
            SELECT alias_key FROM dropped_aliases
            """, logger: logger).decode(String.self) {
            droppedAliases.append(alias)
        }
        let names = Array(Set([graph.nameKey] + graph.aliasKeys + droppedAliases)).sorted()
        try await resolveEdges(connection, namespace: namespace, fileIds: [fileId], paths: [path], names: names, notifying: true,
                               logger: logger)
    }

    /// Resolves again the non-tag edges of `namespace` written in or pointing at `fileIds`, or
    /// naming one of `paths` or `names` (every edge of the namespace when `everything`): to the
    /// file at the exact target path, else to the one file whose name key or alias is the
    /// target's name; NULL (unresolved, text kept) when there is none or more than one. Only
    /// edges whose target changes are updated (fewer row locks). With `notifying`, the same
    /// statement ends the write with `notifyChange`'s generation bump and notification.
    static func resolveEdges(
        _ connection: PostgresConnection, namespace: String, fileIds: [Int64] = [], paths: [String] = [], names: [String] = [],
        everything: Bool = false, notifying: Bool = false, logger: Logger
    ) async throws {
        try await connection.query("""
            WITH resolved AS (
                SELECT e.id, coalesce(
                    (SELECT f.id FROM files f WHERE f.namespace = e.namespace AND f.path = e.target_path),
                    (SELECT CASE WHEN count(*) = 1 THEN max(c.candidate) END FROM (
                        SELECT f.id AS candidate FROM files f WHERE f.namespace = e.namespace AND f.name_key = e.target_name
                        UNION SELECT a.file_id FROM file_aliases a WHERE a.namespace = e.namespace AND a.alias_key = e.target_name
                    ) AS c)) AS target
                FROM edges e
                WHERE e.kind <> 'tag' AND e.namespace = \(namespace) AND (\(everything)
                    OR e.source_file_id = ANY(\(fileIds)::int8[]) OR e.target_file_id = ANY(\(fileIds)::int8[])
                    OR e.target_path = ANY(\(paths)::text[]) OR e.target_name = ANY(\(names)::text[]))
            )
            , updated AS (
                UPDATE edges SET target_file_id = resolved.target FROM resolved
                WHERE edges.id = resolved.id AND edges.target_file_id IS DISTINCT FROM resolved.target
            )
            SELECT pg_notify(\(PostgresSchema.changeChannel), nextval('write_generation')::text) WHERE \(notifying)
            """, logger: logger)
    }

    /// Sets the name key of every file that has none (`GraphKeys.nameKey` of its path), in
    /// batches of 1,000: the migration that adds the column.
    @Sendable static func fillNameKeys(_ connection: PostgresConnection, logger: Logger) async throws {
        while true {
            var ids: [Int64] = []
            var keys: [String] = []
            for try await (id, path) in try await connection.query(
                "SELECT id, path FROM files WHERE name_key IS NULL ORDER BY id LIMIT 1000", logger: logger).decode((Int64, String).self) {
                ids.append(id)
                keys.append(GraphKeys.nameKey(ofPath: path))
            }
            guard !ids.isEmpty else { return }
            try await connection.query("""
                UPDATE files SET name_key = t.key FROM unnest(\(ids)::int8[], \(keys)::text[]) AS t(id, key) WHERE files.id = t.id
                """, logger: logger)
        }
    }

    /// The name keys and alias keys of the files at `paths` in `namespace` (before they are removed).
    static func graphNames(_ connection: PostgresConnection, namespace: String, paths: [String], logger: Logger) async throws -> [String] {
        var names = Set<String>()
        for try await name in try await connection.query("""
            SELECT name_key FROM files WHERE namespace = \(namespace) AND path = ANY(\(paths)::text[]) AND name_key IS NOT NULL
            UNION SELECT a.alias_key FROM file_aliases a JOIN files f ON f.id = a.file_id
            WHERE f.namespace = \(namespace) AND f.path = ANY(\(paths)::text[])
            """, logger: logger).decode(String.self) {
            names.insert(name)
        }
        return names.sorted()
    }
}
