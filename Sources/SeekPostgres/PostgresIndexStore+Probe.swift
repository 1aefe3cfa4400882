import Logging
import NIOCore
import PostgresNIO

extension PostgresIndexStore {
    /// Connects once, directly, and closes again: a server that is down, a wrong database, user or
    /// password fails here within `connectTimeoutSeconds` with the server's own words. (The
    /// connection pool retries such failures for about a minute and then reports only that its
    /// circuit breaker tripped.)
    static func probe(_ configuration: PostgresStoreConfiguration, logger: Logger,
                      connectTimeoutSeconds: Int64 = 10) async throws(PostgresStoreError) {
        var connectionConfiguration: PostgresConnection.Configuration
        do {
            if let socketPath = configuration.unixSocketPath {
                connectionConfiguration = .init(
                    unixSocketPath: socketPath, username: configuration.username, password: configuration.password,
                    database: configuration.database)
            } else {
                let tls: PostgresConnection.Configuration.TLS = switch configuration.tls {
                case .disable: .disable
                case .prefer: .prefer(try .init(configuration: .makeClientConfiguration()))
                case .require: .require(try .init(configuration: .makeClientConfiguration()))
                }
                connectionConfiguration = .init(
                    host: configuration.host ?? "127.0.0.1", port: configuration.port, username: configuration.username,
                    password: configuration.password, database: configuration.database, tls: tls)
            }
        } catch {
            throw .connectionFailed(operation: "open", reason: "cannot set up TLS: \(error)")
        }
        connectionConfiguration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        let place = configuration.unixSocketPath ?? "\(configuration.host ?? "127.0.0.1"):\(configuration.port)"
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 0, logger: logger)
        } catch {
            let reason: String = switch PostgresStoreError.wrapping(error, operation: "open") {
            case .sqlFailed(_, _, _, let message): message
            case .connectionFailed(_, let reason): reason
            case let other: other.description
            }
            throw .connectionFailed(operation: "open", reason: "\(place), database \(configuration.database), user \(configuration.username): \(reason)")
        }
        try? await connection.close()
    }
}
