import PostgresNIO
import _ConnectionPoolModule
import SeekCore

/// What went wrong in the PostgreSQL store, with enough context to act on: the operation, the
/// file path when one was involved, and the server's SQL state and message.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection URL or a setting is unusable (the URL is shown without its password).
    case invalidConfiguration(url: String, reason: String)
    /// The server could not be reached or refused the connection.
    case connectionFailed(operation: String, reason: String)
    /// The server rejected a statement. `sqlState` is the five-character SQLSTATE code
    /// (e.g. `42P01` undefined table, `40P01` deadlock), nil when the failure was not the server's.
    case sqlFailed(operation: String, path: String?, sqlState: String?, message: String)
    /// Input that the store refuses before writing anything (wrong dimension, non-unit vector...).
    case invalidData(operation: String, path: String?, reason: String)
    /// The database holds an index built with another embedding model or dimension.
    case modelMismatch(indexModel: String, indexDimension: Int, expectedModel: String, expectedDimension: Int)
    /// A migration failed; the database stays at the version before it.
    case migrationFailed(version: Int, sqlState: String?, message: String)
    /// The root (in this store's namespace) was never added.
    case rootNotFound(namespace: String, path: String)
    /// The connection closed while the operation waited for the server (it crashed, restarted or
    /// was shut down, or the network dropped): nothing of the operation's transaction committed.
    case connectionLost(operation: String, path: String?, reason: String)
    /// The store was closed.
    case closed(operation: String)
    /// No file with this path is in the index.
    case fileNotFound(path: String)
    /// The file is in the index but failed or was skipped: it has no text or chunks.
    case notIndexed(path: String, status: FileStatus, reason: String?)

    public var description: String {
        switch self {
        case .invalidConfiguration(let url, let reason):
            return "invalid PostgreSQL store configuration \(url): \(reason)"
        case .connectionFailed(let operation, let reason):
            return "\(operation): cannot connect to PostgreSQL: \(reason)"
        case .sqlFailed(let operation, let path, let sqlState, let message):
            return "\(operation)\(path.map { " \($0)" } ?? ""): PostgreSQL error\(sqlState.map { " \($0)" } ?? ""): \(message)"
        case .invalidData(let operation, let path, let reason):
            return "\(operation)\(path.map { " \($0)" } ?? ""): \(reason)"
        case .modelMismatch(let indexModel, let indexDimension, let expectedModel, let expectedDimension):
            return "the PostgreSQL index was built with \(indexModel) (\(indexDimension) dimensions), not \(expectedModel) (\(expectedDimension))"
        case .migrationFailed(let version, let sqlState, let message):
            return "PostgreSQL schema migration \(version) failed\(sqlState.map { " (\($0))" } ?? ""): \(message)"
        case .rootNotFound(let namespace, let path):
            return "root \(path) is not in the index (namespace \(namespace))"
        case .connectionLost(let operation, let path, let reason):
            return "\(operation)\(path.map { " \($0)" } ?? ""): lost the connection to PostgreSQL: \(reason)"
        case .closed(let operation):
            return "\(operation): the PostgreSQL store is closed"
        case .fileNotFound(let path):
            return "\(path) is not in the index"
        case .notIndexed(let path, let status, let reason):
            return "\(path) was not indexed (\(status.rawValue)\(reason.map { ": \($0)" } ?? ""))"
        }
    }

    /// Turns anything thrown while talking to the server into a store error with context:
    /// store errors pass through, transaction wrappers are unwrapped to their cause, server
    /// errors keep their SQLSTATE and message.
    package static func wrapping(_ error: any Error, operation: String, path: String? = nil) -> PostgresStoreError {
        switch error {
        case let error as PostgresStoreError:
            return error
        case let error as PostgresConnectionClosed:
            return .connectionLost(operation: operation, path: path, reason: error.description)
        case let error as ConnectionPoolError:
            switch error {
            case .connectionCreationCircuitBreakerTripped:
                // postgres-nio's pool retries failed connections for a minute, then fails every wait.
                return .connectionFailed(operation: operation, reason: "no connection could be made for a minute: is the server running and reachable?")
            case .poolShutdown:
                return .closed(operation: operation)
            default:
                return .sqlFailed(operation: operation, path: path, sqlState: nil, message: "\(error)")
            }
        case let error as PostgresTransactionError:
            if let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
                return wrapping(cause, operation: operation, path: path)
            }
            return .sqlFailed(operation: operation, path: path, sqlState: nil, message: "\(error)")
        case let error as PSQLError:
            if let info = error.serverInfo, let message = info[.message] {
                let detail = info[.detail].map { " (\($0))" } ?? ""
                return .sqlFailed(operation: operation, path: path, sqlState: info[.sqlState], message: message + detail)
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .sslUnsupported, .failedToAddSSLHandler, .authMechanismRequiresPassword,
                 .unsupportedAuthMechanism, .saslError:
                return .connectionFailed(operation: operation, reason: "\(error.code)\(error.underlying.map { ": \($0)" } ?? "")")
            case .poolClosed, .clientClosedConnection:
                return .closed(operation: operation)
            default:
                return .sqlFailed(operation: operation, path: path, sqlState: nil, message: "\(error.code)\(error.underlying.map { ": \($0)" } ?? "")")
            }
        default:
            return .sqlFailed(operation: operation, path: path, sqlState: nil, message: "\(error)")
        }
    }
}
