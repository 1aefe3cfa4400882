import PostgresNIO

/// `seek inspect` and `seek doctor` on a PostgreSQL index.
extension PostgresIndexStore {
    /// The tables `inspection()` counts, in the order shown.
    static let inspectedTables = ["meta", "seek_migrations", "roots", "files", "documents", "chunks", "vectors"]

    /// The server, schema, model, roots, tables, HNSW index and settings of this index, read in
    /// one transaction. Row counts are exact (`count(*)`: a second or so per million rows).
    public func inspection() async throws(PostgresStoreError) -> PostgresInspection {
        let versions = try await serverVersions()
        let settings = try await serverSettings(["shared_buffers", "work_mem", "maintenance_work_mem", "max_connections"])
        let logger = logger
        let configuration = configuration
        let model = model
        let store = storageDescription
        return try await transaction("inspection") { connection in
            var migrations: [String] = []
            var schemaVersion = 0
            for try await (version, name) in try await connection.query(
                "SELECT version, name FROM seek_migrations ORDER BY version", logger: logger).decode((Int, String).self) {
                migrations.append("\(version) \(name)")
                schemaVersion = max(schemaVersion, version)
            }
            var roots: [PostgresInspection.Root] = []
            for try await (namespace, path) in try await connection.query(
                "SELECT namespace, path FROM roots ORDER BY namespace, path", logger: logger).decode((String, String).self) {
                roots.append(.init(namespace: namespace, path: path))
            }
            var tables: [PostgresInspection.Table] = []
            for name in Self.inspectedTables {
                // Names from the fixed list above, never from input.
                let query = PostgresQuery(unsafeSQL: "SELECT count(*)::int8, pg_total_relation_size('\(name)'::regclass)::int8 FROM \(name)")
                for try await (rows, bytes) in try await connection.query(query, logger: logger).decode((Int, Int64).self) {
                    tables.append(.init(name: name, rows: rows, bytes: bytes))
                }
            }
            var vectorIndex = PostgresInspection.VectorIndex(
                name: PostgresSchema.vectorIndexName, exists: false, valid: false, bytes: 0, options: [], efSearch: configuration.hnswEfSearch)
            for try await (valid, bytes, options) in try await connection.query("""
                SELECT i.indisvalid, pg_relation_size(c.oid)::int8, coalesce(array_to_string(c.reloptions, ','), '')
                FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
                WHERE c.relname = \(PostgresSchema.vectorIndexName)
                """, logger: logger).decode((Bool, Int64, String).self) {
                vectorIndex.exists = true
                vectorIndex.valid = valid
                vectorIndex.bytes = bytes
                vectorIndex.options = options.isEmpty ? [] : options.split(separator: ",").map(String.init)
            }
            var databaseBytes: Int64 = 0
            for try await bytes in try await connection.query(
                "SELECT pg_database_size(current_database())::int8", logger: logger).decode(Int64.self) {
                databaseBytes = bytes
            }
            return PostgresInspection(
                store: store, namespace: configuration.namespace, versions: versions, databaseBytes: databaseBytes,
                schemaVersion: schemaVersion, migrations: migrations, model: model.id, dimension: model.dimension, roots: roots,
                tables: tables, vectorIndex: vectorIndex, serverSettings: settings)
        }
    }

    /// Whether the connecting user may change the index (insert, update and delete on its
    /// tables, use the write-generation sequence); a read-only user can still search.
    public func writePrivileges() async throws(PostgresStoreError) -> (canWrite: Bool, user: String) {
        let logger = logger
        return try await transaction("writePrivileges") { connection in
            for try await (canWrite, user) in try await connection.query("""
                SELECT bool_and(has_table_privilege(t, 'INSERT, UPDATE, DELETE'))
                       AND has_sequence_privilege('write_generation', 'USAGE'), current_user::text
                FROM unnest(ARRAY['roots', 'files', 'documents', 'chunks', 'vectors']) AS t
                """, logger: logger).decode((Bool, String).self) {
                return (canWrite, user)
            }
            throw PostgresStoreError.invalidData(operation: "writePrivileges", path: nil, reason: "the privilege query returned no row")
        }
    }
}
