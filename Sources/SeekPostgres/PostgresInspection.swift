/// What `seek inspect` shows of a PostgreSQL index: the server, the schema, the model, the roots
/// of every namespace, each table's rows and bytes, the HNSW index and the search settings.
public struct PostgresInspection: Sendable, Codable, Equatable {
    /// One table of the index.
    public struct Table: Sendable, Codable, Equatable {
        public var name: String
        /// Exact row count.
        public var rows: Int
        /// Bytes on disk with its indexes and TOAST data (`pg_total_relation_size`).
        public var bytes: Int64
    }

    /// One root, with the namespace (host) that indexes it.
    public struct Root: Sendable, Codable, Equatable {
        public var namespace: String
        public var path: String
    }

    /// The HNSW index on `vectors.embedding`.
    public struct VectorIndex: Sendable, Codable, Equatable {
        public var name: String
        /// False after a bulk load dropped it (approximate searches then scan every vector).
        public var exists: Bool
        /// False when a failed or interrupted build left it unusable (`pg_index.indisvalid`).
        public var valid: Bool
        public var bytes: Int64
        /// Its storage options as created, e.g. `["m=16", "ef_construction=64"]`.
        public var options: [String]
        /// `hnsw.ef_search` this process searches with (`?hnsw_ef_search=` in the URL).
        public var efSearch: Int
    }

    /// The store as `--store` names it (password hidden) and this process's namespace.
    public var store: String
    public var namespace: String
    /// `server_version` and the `vector` extension's version.
    public var versions: PostgresServerVersions
    /// `pg_database_size` of the whole database.
    public var databaseBytes: Int64
    public var schemaVersion: Int
    /// Applied migrations, "version name".
    public var migrations: [String]
    public var model: String
    public var dimension: Int
    public var roots: [Root]
    public var tables: [Table]
    public var vectorIndex: VectorIndex
    /// Server settings that size searches and index builds (`shared_buffers`, `work_mem`,
    /// `maintenance_work_mem`, `max_connections`), as `SHOW` prints them.
    public var serverSettings: [String: String]
}
