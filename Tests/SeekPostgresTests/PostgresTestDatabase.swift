import Foundation
import Logging
import PostgresNIO
import SeekPostgres
import Testing

/// A brand-new database on the test server for one test, dropped afterwards, so tests run in
/// parallel without seeing each other's rows. The server comes from `SEEK_TEST_POSTGRES_URL`
/// (`make test` starts one with scripts/pg-test-server.sh); without it the Postgres suites are
/// disabled with a message, never passed silently.
enum PostgresTestDatabase {
    /// The test server's URL (a superuser, so tests can create databases), nil when not set.
    static let url: String? = ProcessInfo.processInfo.environment["SEEK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static let isAvailable = url != nil

    static let skipMessage: Comment = "Postgres tests skipped: SEEK_TEST_POSTGRES_URL not set (make test starts a server)"

    /// A test server for tests of connections alone (no pgvector distances): the full server's
    /// URL, else `SEEK_TEST_POSTGRES_SERVER_URL` (`make test` sets it where pgvector's build
    /// cannot run on the CPU), nil when neither is set.
    static let serverOnlyURL: String? = url ?? ProcessInfo.processInfo.environment["SEEK_TEST_POSTGRES_SERVER_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static let serverOnlySkipMessage: Comment =
        "PostgreSQL connection tests skipped: neither SEEK_TEST_POSTGRES_URL nor SEEK_TEST_POSTGRES_SERVER_URL set (make test starts a server)"

    /// Runs `body` with a configuration for a fresh database (namespace `namespace`), then drops it.
    static func with<Result>(
        namespace: String = "test-host", _ body: (PostgresStoreConfiguration) async throws -> Result
    ) async throws -> Result {
        let base = try serverConfiguration()
        let name = "seek_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await administer(base, "CREATE DATABASE \(name)")
        var configuration = base
        configuration.database = name
        configuration.namespace = namespace
        do {
            let result = try await body(configuration)
            try await administer(base, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await administer(base, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    static func serverConfiguration(serverOnly: Bool = false) throws -> PostgresStoreConfiguration {
        guard let url = serverOnly ? serverOnlyURL : url else {
            throw PostgresStoreError.invalidConfiguration(url: "", reason: "SEEK_TEST_POSTGRES_URL not set")
        }
        var configuration = try PostgresStoreConfiguration(url: url)
        configuration.tls = .disable
        return configuration
    }

    /// The first Unix socket directory of the test server (`unix_socket_directories`), nil when it has none.
    static func unixSocketDirectory(_ configuration: PostgresStoreConfiguration) async throws -> String? {
        let connection = try await connect(configuration)
        do {
            var setting: String?
            let rows = try await connection.query("SHOW unix_socket_directories", logger: Logger(label: "seek.postgres.tests"))
            for try await value in rows.decode(String.self) { setting = value }
            try await connection.close()
            return setting?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A single connection to `configuration`'s database (TCP, no TLS), to close after use.
    static func connect(_ configuration: PostgresStoreConfiguration) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.host ?? "127.0.0.1", port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: .disable),
            id: 1, logger: Logger(label: "seek.postgres.tests"))
    }

    /// Runs one statement on its own connection to `configuration`'s database.
    static func administer(_ configuration: PostgresStoreConfiguration, _ sql: String) async throws {
        let connection = try await connect(configuration)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "seek.postgres.tests"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

extension PostgresTestDatabase {
    /// `configuration` as the URL `seek --store` takes (no TLS; the test server trusts loopback).
    static func url(of configuration: PostgresStoreConfiguration) -> String {
        "postgres://\(configuration.username)@\(configuration.host ?? "127.0.0.1"):\(configuration.port)/\(configuration.database)"
            + "?sslmode=disable&namespace=\(configuration.namespace)"
    }

    /// One integer from `sql` on a connection of its own (checks independent of the store's code).
    static func count(_ configuration: PostgresStoreConfiguration, _ sql: String) async throws -> Int {
        let connection = try await connect(configuration)
        do {
            var value = -1
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "seek.postgres.tests"))
                .decode(Int.self) {
                value = row
            }
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
