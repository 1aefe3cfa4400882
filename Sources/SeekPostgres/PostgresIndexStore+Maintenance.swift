import Foundation
import PostgresNIO

/// Server facts and bulk-load maintenance: versions, on-disk sizes, and dropping the HNSW index
/// before a large load to build it once afterwards (much faster than growing it row by row).
extension PostgresIndexStore {
    /// PostgreSQL's `server_version` and the installed pgvector version.
    public func serverVersions() async throws(PostgresStoreError) -> PostgresServerVersions {
        let logger = logger
        return try await transaction("serverVersions") { connection in
            let rows = try await connection.query("""
                SELECT current_setting('server_version'), coalesce((SELECT extversion FROM pg_extension WHERE extname = 'vector'), '')
                """, logger: logger)
            for try await (postgresql, pgvector) in rows.decode((String, String).self) {
                return PostgresServerVersions(postgresql: postgresql, pgvector: pgvector)
            }
            throw PostgresStoreError.invalidData(operation: "serverVersions", path: nil, reason: "the version query returned no row")
        }
    }

    /// The current values of the server settings `names` (as `SHOW` prints them, e.g. `128MB`),
    /// keyed by name; names the server does not know are absent.
    public func serverSettings(_ names: [String]) async throws(PostgresStoreError) -> [String: String] {
        let logger = logger
        return try await transaction("serverSettings") { connection in
            let rows = try await connection.query(
                "SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(\(names)::text[])", logger: logger)
            var settings: [String: String] = [:]
            for try await (name, value) in rows.decode((String, String).self) {
                settings[name] = value
            }
            return settings
        }
    }

    /// Bytes on disk of the index's tables (each with its indexes and TOAST data: `files`,
    /// `documents`, `chunks`, `vectors`), of the HNSW index alone (`vectors_embedding_hnsw`,
    /// absent when dropped) and of the whole database (`database`).
    public func relationSizes() async throws(PostgresStoreError) -> [String: Int64] {
        let logger = logger
        return try await transaction("relationSizes") { connection in
            let rows = try await connection.query("""
                SELECT name, pg_total_relation_size(name::regclass)::int8 FROM unnest(ARRAY['files', 'documents', 'chunks', 'vectors']) AS t(name)
                UNION ALL
                SELECT c.relname::text, pg_relation_size(c.oid)::int8 FROM pg_class c WHERE c.relname = \(PostgresSchema.vectorIndexName)
                UNION ALL
                SELECT 'database', pg_database_size(current_database())::int8
                """, logger: logger)
            var sizes: [String: Int64] = [:]
            for try await (name, bytes) in rows.decode((String, Int64).self) {
                sizes[name] = bytes
            }
            return sizes
        }
    }

    /// Whether the HNSW index on `vectors.embedding` exists.
    public func hasVectorIndex() async throws(PostgresStoreError) -> Bool {
        let logger = logger
        return try await transaction("hasVectorIndex") { connection in
            let count = try await Self.single(Int.self, connection.query(
                "SELECT count(*)::int8 FROM pg_class WHERE relname = \(PostgresSchema.vectorIndexName) AND relkind = 'i'",
                logger: logger))
            return (count ?? 0) > 0
        }
    }

    /// Drops the HNSW index (approximate searches then scan every vector) before a bulk load;
    /// `buildVectorIndex` puts it back. Does nothing when it is not there.
    public func dropVectorIndex() async throws(PostgresStoreError) {
        let logger = logger
        try await transaction("dropVectorIndex") { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "DROP INDEX IF EXISTS \(PostgresSchema.vectorIndexName)"), logger: logger)
        }
    }

    /// Builds the HNSW index over every stored vector, with this store's `m` and
    /// `ef_construction`, letting the build use `maintenanceWorkMemoryMB` of memory (the graph
    /// should fit: about 1.5 KB per 384-dimension vector plus its links). Does nothing when the
    /// index exists.
    public func buildVectorIndex(maintenanceWorkMemoryMB: Int = 1024) async throws(PostgresStoreError) {
        guard maintenanceWorkMemoryMB >= 1 else {
            throw .invalidData(operation: "buildVectorIndex", path: nil, reason: "maintenance memory must be positive, got \(maintenanceWorkMemoryMB) MB")
        }
        let logger = logger
        let statement = PostgresSchema.vectorIndexStatement(hnswM: configuration.hnswM, hnswEfConstruction: configuration.hnswEfConstruction)
            .replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS ")
        try await transaction("buildVectorIndex") { connection in
            try await connection.query("SELECT set_config('maintenance_work_mem', \("\(maintenanceWorkMemoryMB)MB"), true)", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// Refreshes the planner's statistics of the index's tables (`ANALYZE`), as after a bulk load.
    public func analyze() async throws(PostgresStoreError) {
        let logger = logger
        try await transaction("analyze") { connection in
            _ = try await connection.query("ANALYZE files, documents, chunks, vectors", logger: logger)
        }
    }
}
