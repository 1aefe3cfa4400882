import SeekPostgres

/// Where the index lives: Seek's SQLite file in the index directory (the default, right for one
/// person's machine), or a PostgreSQL database with pgvector that indexers and search processes
/// on many hosts share (`--store postgres://user@host:port/db`, `$SEEK_STORE`, or config
/// `"store": {"postgres": "postgres://..."}`).
///
/// With PostgreSQL, indexing, search (filters, reranking), the link graph (`links`, `tags`,
/// `related`, `gaps`, `graph`), `status`, `validate`, `inspect`, `doctor`, `files`, `show`, `eval`,
/// `watch`, `serve` and `mcp` work on the database; what lives beside a SQLite file (the run log,
/// snapshots, agent memories, `--rerank prf`) says so and stops. The index directory still holds
/// the configuration file.
public enum StoreLocation: Sendable, Equatable {
    /// `<index directory>/index.sqlite`.
    case sqlite
    /// A PostgreSQL database (the URL parsed and checked; see `PostgresStoreConfiguration`).
    case postgres(PostgresStoreConfiguration)

    /// Parses `--store` / `$SEEK_STORE` / the configuration value: `sqlite`, or a
    /// `postgres://` / `postgresql://` URL. Throws `ConfigurationError.invalid` naming `source`.
    static func parse(_ value: String, source: String, environment: [String: String]) throws -> StoreLocation {
        if value == "sqlite" { return .sqlite }
        guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") else {
            throw ConfigurationError.invalid(path: source, key: "store",
                                             reason: "'\(PostgresStoreConfiguration.redacted(value))' is neither sqlite nor a postgres:// URL")
        }
        do {
            return .postgres(try PostgresStoreConfiguration(url: value, environment: environment))
        } catch {
            throw ConfigurationError.invalid(path: source, key: "store", reason: error.description)
        }
    }

    /// The PostgreSQL configuration, nil for SQLite.
    public var postgres: PostgresStoreConfiguration? {
        if case .postgres(let configuration) = self { configuration } else { nil }
    }
}
