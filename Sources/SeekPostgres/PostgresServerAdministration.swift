import Foundation
import Logging
import PostgresNIO

/// Databases on a PostgreSQL server, for tools that need a scratch index of their own (the
/// store benchmark): create one, drop it afterwards. Needs a role allowed to create databases.
public enum PostgresServerAdministration {
    /// Creates the empty database `name` on the server of `server` (connecting to the database
    /// `server` names). Throws `PostgresStoreError.invalidData` for a name that is not a plain
    /// lowercase identifier, `.sqlFailed` when the server refuses (no CREATEDB privilege, exists).
    public static func createDatabase(
        _ name: String, server: PostgresStoreConfiguration, logger: Logger = Logger(label: "seek.postgres")
    ) async throws(PostgresStoreError) {
        try checkName(name, operation: "createDatabase")
        try await execute("CREATE DATABASE \(name)", operation: "createDatabase \(name)", server: server, logger: logger)
    }

    /// Drops the database `name` if it exists, ending its other sessions first.
    public static func dropDatabase(
        _ name: String, server: PostgresStoreConfiguration, logger: Logger = Logger(label: "seek.postgres")
    ) async throws(PostgresStoreError) {
        try checkName(name, operation: "dropDatabase")
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", operation: "dropDatabase \(name)", server: server, logger: logger)
    }

    /// Whether the database `name` exists on the server of `server`.
    public static func databaseExists(
        _ name: String, server: PostgresStoreConfiguration, logger: Logger = Logger(label: "seek.postgres")
    ) async throws(PostgresStoreError) -> Bool {
        try await withClient(server: server, logger: logger, operation: "databaseExists \(name)") { client in
            try await PostgresConnectionWatch().run(on: client) { connection in
                let rows = try await connection.query("SELECT count(*)::int8 FROM pg_database WHERE datname = \(name)", logger: logger)
                for try await count in rows.decode(Int.self) { return count > 0 }
                return false
            }
        }
    }

    /// Database names this type accepts: lowercase letters, digits and underscores, not starting
    /// with a digit, at most 63 characters (PostgreSQL's identifier limit); no quoting needed.
    static func checkName(_ name: String, operation: String) throws(PostgresStoreError) {
        let valid = !name.isEmpty && name.count <= 63 && !(name.first?.isNumber ?? true)
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        guard valid else {
            throw .invalidData(operation: operation, path: nil, reason: "'\(name)' is not a database name of lowercase letters, digits and _")
        }
    }

    private static func execute(_ sql: String, operation: String, server: PostgresStoreConfiguration, logger: Logger) async throws(PostgresStoreError) {
        try await withClient(server: server, logger: logger, operation: operation) { client in
            try await PostgresConnectionWatch().run(on: client) { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
        }
    }

    /// A one-connection pool for `body`, shut down afterwards; errors carry `operation`.
    private static func withClient<Result: Sendable>(
        server: PostgresStoreConfiguration, logger: Logger, operation: String, _ body: (PostgresClient) async throws -> Result
    ) async throws(PostgresStoreError) -> Result {
        var configuration = server
        configuration.maxConnections = 1
        let client = PostgresIndexStore.makeClient(configuration: configuration, logger: logger)
        var runTask: Task<Void, Never>?
        await withCheckedContinuation { (started: CheckedContinuation<Void, Never>) in
            runTask = Task {
                started.resume()
                await client.run()
            }
        }
        do {
            let result = try await body(client)
            runTask?.cancel()
            await runTask?.value
            return result
        } catch {
            runTask?.cancel()
            await runTask?.value
            throw PostgresStoreError.wrapping(error, operation: operation)
        }
    }
}
