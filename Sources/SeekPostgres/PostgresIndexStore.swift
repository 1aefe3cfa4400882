import Foundation
import Logging
import PostgresNIO
import SeekStore

/// A Seek index in PostgreSQL with pgvector, shared by many indexing and search processes on
/// many hosts. It mirrors the SQLite store's API (`IndexWriter`, `IndexingReader`,
/// `SearchReader`), but its methods are `async`: every call is a round trip to the server.
///
/// Lifecycle: `open` connects (a pool of up to `configuration.maxConnections` connections,
/// driven by `PostgresClient.run()` in a task the store owns), applies pending migrations and
/// checks the model marker; `close` ends the pool. Call `close` before dropping the store.
///
/// Consistency: each write is one transaction (all of one file's rows or none), serialised per
/// file path by a transaction-level advisory lock, and notifies `seek_index_changed` with the
/// new write generation when it commits; readers see committed data only.
public final class PostgresIndexStore: Sendable {
    /// Where the index lives and its search settings.
    public let configuration: PostgresStoreConfiguration
    /// The embedding model every stored vector comes from.
    public let model: ModelMarker
    let client: PostgresClient
    let logger: Logger
    /// The claims of this process's index runs (`claim(_:)`), on a connection of their own.
    let claims: PostgresClaimSession
    /// Ends a call whose connection closes under it (`PostgresConnectionWatch`).
    let watch = PostgresConnectionWatch()
    private let runTask: Task<Void, Never>

    private init(configuration: PostgresStoreConfiguration, model: ModelMarker, logger: Logger, client: PostgresClient, runTask: Task<Void, Never>) {
        self.claims = PostgresClaimSession(configuration: configuration, logger: logger)
        self.configuration = configuration
        self.model = model
        self.logger = logger
        self.client = client
        self.runTask = runTask
    }

    /// The connection pool for `configuration` (not yet running): up to
    /// `configuration.maxConnections`, or exactly one kept open when `single`.
    static func makeClient(configuration: PostgresStoreConfiguration, logger: Logger, single: Bool = false) -> PostgresClient {
        var clientConfiguration: PostgresClient.Configuration
        if let socketPath = configuration.unixSocketPath {
            clientConfiguration = .init(
                unixSocketPath: socketPath, username: configuration.username, password: configuration.password,
                database: configuration.database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch configuration.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            clientConfiguration = .init(
                host: configuration.host ?? "127.0.0.1", port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: tls)
        }
        clientConfiguration.options.maximumConnections = single ? 1 : configuration.maxConnections
        if single { clientConfiguration.options.minimumConnections = 1 }
        return PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
    }

    /// Connects, migrates the schema to the newest version and records (first open) or checks
    /// (later opens) the model marker. Throws `PostgresStoreError.modelMismatch` for an index
    /// built with another model; the store is closed again on any error.
    public static func open(
        configuration: PostgresStoreConfiguration, model: ModelMarker = .miniLML6V2,
        logger: Logger = Logger(label: "seek.postgres")
    ) async throws(PostgresStoreError) -> PostgresIndexStore {
        guard model.dimension > 0, model.dimension <= 16_000 else {
            throw .invalidData(operation: "open", path: nil, reason: "model dimension \(model.dimension) is not one pgvector can store")
        }
        try await probe(configuration, logger: logger)
        let client = makeClient(configuration: configuration, logger: logger)
        // The pool works only while `run()` runs. Waiting until its task has started means the
        // first query does not race it (PostgresClient warns when leased before `run()`).
        var runTask: Task<Void, Never>?
        await withCheckedContinuation { (started: CheckedContinuation<Void, Never>) in
            runTask = Task {
                started.resume()
                await client.run()
            }
        }
        let store = PostgresIndexStore(
            configuration: configuration, model: model, logger: logger, client: client, runTask: runTask ?? Task {})
        do {
            try await store.migrate()
            try await store.checkModelMarker()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes every connection. Calls after this fail with `PostgresStoreError.closed`.
    public func close() async {
        await claims.close()
        runTask.cancel()
        await runTask.value
    }

    /// Runs `body` in one transaction (BEGIN ... COMMIT, rolled back when it throws) and turns
    /// any failure into a `PostgresStoreError` naming `operation` and `path`. A connection that
    /// closes under the transaction (the server crashed or restarted) ends it with
    /// `PostgresStoreError.connectionLost` at once; the server rolls such a transaction back.
    func transaction<Result: Sendable>(
        _ operation: String, path: String? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws(PostgresStoreError) -> Result {
        var attempt = 1
        let logger = logger
        while true {
            do {
                return try await watch.run(on: client) { connection in
                    try await connection.withTransaction(logger: logger) { connection in
                        try await body(connection)
                    }
                }
            } catch {
                let wrapped = PostgresStoreError.wrapping(error, operation: operation, path: path)
                // A deadlock the server broke (40P01) or a serialization failure (40001) rolled the
                // transaction back whole: it is run again, a few times, before the error is shown.
                if case .sqlFailed(_, _, let state?, _) = wrapped, state == "40P01" || state == "40001", attempt < Self.transactionAttempts {
                    logger.warning("retrying after a transient conflict", metadata: [
                        "operation": "\(operation)", "sqlstate": "\(state)", "attempt": "\(attempt)"])
                    attempt += 1
                    continue
                }
                throw wrapped
            }
        }
    }

    /// Tries of one transaction that the server rolled back for a deadlock or serialization failure.
    static let transactionAttempts = 3

    /// Applies the migrations `seek_migrations` does not list, in one transaction that first
    /// takes an advisory lock: two processes opening a new database at once apply them once.
    /// A schema that is up to date is only read, so a user without write privileges, or a
    /// read-only replica, can open the index to search it.
    private func migrate() async throws(PostgresStoreError) {
        let migrations = PostgresSchema.migrations(
            dimension: model.dimension, hnswM: configuration.hnswM, hnswEfConstruction: configuration.hnswEfConstruction)
        let logger = logger
        let newest = migrations.map(\.version).max() ?? 0
        let current = try await transaction("migrate (check)") { connection -> Int in
            let exists = try await Self.single(Bool.self, connection.query(
                "SELECT to_regclass('seek_migrations') IS NOT NULL", logger: logger)) ?? false
            guard exists else { return -1 }
            return try await Self.single(Int.self, connection.query(
                "SELECT coalesce(max(version), 0)::int8 FROM seek_migrations", logger: logger)) ?? -1
        }
        if current >= newest { return }
        try await transaction("migrate") { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS seek_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM seek_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                do {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await migration.finish?(connection, logger)
                    try await connection.query(
                        "INSERT INTO seek_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                } catch let error as PSQLError {
                    throw PostgresStoreError.migrationFailed(
                        version: migration.version, sqlState: error.serverInfo?[.sqlState],
                        message: error.serverInfo?[.message] ?? "\(error.code)")
                }
                logger.info("applied PostgreSQL migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        }
    }

    /// Records the model marker when the index is new, else compares it with `model`.
    private func checkModelMarker() async throws(PostgresStoreError) {
        let logger = logger
        let model = model
        let stored = try await transaction("checkModelMarker") { connection in
            var values: [String: String] = [:]
            for try await (key, value) in try await connection.query("SELECT key, value FROM meta", logger: logger).decode((String, String).self) {
                values[key] = value
            }
            // Written once, by the first process to open the database; later ones (read-only
            // users and replicas included) only read it.
            if values[PostgresSchema.MetaKey.modelId] != nil { return values }
            try await connection.query("""
                INSERT INTO meta (key, value) VALUES
                    (\(PostgresSchema.MetaKey.modelId), \(model.id)),
                    (\(PostgresSchema.MetaKey.dimension), \(String(model.dimension))),
                    (\(PostgresSchema.MetaKey.createdAt), \(String(Date().timeIntervalSince1970)))
                ON CONFLICT (key) DO NOTHING
                """, logger: logger)
            values = [:]
            for try await (key, value) in try await connection.query("SELECT key, value FROM meta", logger: logger).decode((String, String).self) {
                values[key] = value
            }
            return values
        }
        let storedId = stored[PostgresSchema.MetaKey.modelId] ?? ""
        let storedDimension = stored[PostgresSchema.MetaKey.dimension].flatMap(Int.init) ?? 0
        guard storedId == model.id, storedDimension == model.dimension else {
            throw .modelMismatch(
                indexModel: storedId, indexDimension: storedDimension, expectedModel: model.id, expectedDimension: model.dimension)
        }
    }

    /// The pgvector text form of a vector, `[0.1,-0.2,...]`. Swift prints the shortest decimal
    /// that reads back as the same Float, so nothing is lost on the way.
    static func vectorLiteral(_ vector: [Float]) -> String {
        "[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
    }
}
