/// The server software behind a PostgreSQL index, as benchmarks and diagnostics report it.
public struct PostgresServerVersions: Sendable, Equatable, Codable {
    /// PostgreSQL's `server_version`, e.g. `18.3`.
    public var postgresql: String
    /// The installed `vector` extension's version, e.g. `0.8.1`.
    public var pgvector: String

    public init(postgresql: String, pgvector: String) {
        self.postgresql = postgresql
        self.pgvector = pgvector
    }
}
