import Foundation
import SeekEmbedding
import SeekIndexing
import SeekPool
import SeekPostgres
import SeekSearch
import SeekStore

/// What the engine's services throw. Each case says what went wrong in the user's terms and
/// carries its context (the index directory, the path, the operation); the lower modules' errors
/// are kept in `failed` for callers that need them.
public enum EngineError: Error, CustomStringConvertible {
    /// There is no index in the directory yet.
    case noIndex(directory: String)
    /// Another process is indexing the same index and the caller asked not to wait.
    case writerBusy(directory: String, pid: Int32?)
    /// The index may be read but not written (another user's, a read-only mount).
    case readOnlyIndex(directory: String, reason: String)
    /// The index file is damaged; `seek doctor` says how to rebuild it.
    case damagedIndex(directory: String, reason: String)
    /// A path given to index cannot be a root (missing, a FIFO or device...). Nothing was saved.
    case invalidRoot(path: String, reason: String)
    /// A path given is not a root of the index.
    case notARoot(path: String)
    /// The request cannot be answered as given (empty query, k out of range, bad filter or date...).
    case invalidRequest(reason: String)
    /// The file is not in the index, or was not indexed (failed, skipped).
    case notIndexed(path: String, reason: String)
    /// The operation was cancelled (the index stays valid).
    case cancelled
    /// The engine was shut down.
    case shutDown
    /// Any other failure of `operation` ("index", "search", "model"...), with the underlying error.
    case failed(operation: String, underlying: any Error)

    public var description: String {
        switch self {
        case .noIndex(let directory):
            "no Seek index at \(directory); run `seek index PATH` first"
        case .writerBusy(let directory, let pid):
            "another seek process\(pid.map { " (pid \($0))" } ?? "") is indexing \(directory); wait for it, or run again without --no-wait"
        case .readOnlyIndex(let directory, let reason):
            "the index at \(directory) is read-only (\(reason)): searching works, indexing needs write access"
        case .damagedIndex(let directory, let reason):
            "the index at \(directory) is damaged: \(reason); `seek doctor` says how to rebuild it"
        case .invalidRoot(let path, let reason):
            "cannot index \(path): \(reason)"
        case .notARoot(let path):
            "\(path) is not a root of the index (`seek status` lists them)"
        case .invalidRequest(let reason):
            reason
        case .notIndexed(let path, let reason):
            "\(path) \(reason)"
        case .cancelled:
            "cancelled"
        case .shutDown:
            "the engine is shut down"
        case .failed(let operation, let underlying):
            "\(operation) failed: \(underlying)"
        }
    }

    /// `error` in the engine's terms: an `EngineError` as is, the lower modules' errors mapped to
    /// the case that names them for the user, anything else as `failed(operation:underlying:)`.
    static func from(_ error: any Error, operation: String, directory: URL) -> EngineError {
        switch error {
        case let engine as EngineError:
            return engine
        case let store as StoreError:
            return from(store, operation: operation, directory: directory)
        case let postgres as PostgresStoreError:
            switch postgres {
            case .fileNotFound(let path): return .notIndexed(path: path, reason: "is not in the index")
            case .notIndexed(let path, let status, let reason):
                return .notIndexed(path: path, reason: "was not indexed (\(status.rawValue)\(reason.map { ": \($0)" } ?? ""))")
            default: return .failed(operation: operation, underlying: postgres)
            }
        case let search as SearchError:
            switch search {
            case .invalidQuery(let reason): return .invalidRequest(reason: reason)
            case .store(let store): return from(store, operation: operation, directory: directory)
            default: return .failed(operation: operation, underlying: search)
            }
        case let indexing as IndexingError:
            switch indexing {
            case .invalidRoot(let path, let reason): return .invalidRoot(path: path, reason: reason)
            case .cancelled: return .cancelled
            case .storeRefused: return .failed(operation: operation, underlying: indexing)
            }
        case is CancellationError:
            return .cancelled
        default:
            return .failed(operation: operation, underlying: error)
        }
    }

    private static func from(_ store: StoreError, operation: String, directory: URL) -> EngineError {
        switch store {
        case .notFound: .noIndex(directory: directory.path)
        case .fileNotFound(let path): .notIndexed(path: path, reason: "is not in the index")
        case .notIndexed(let path, let status, let reason): .notIndexed(path: path, reason: "was not indexed (\(status.rawValue)\(reason.map { ": \($0)" } ?? ""))")
        case .rootNotFound(let path): .notARoot(path: path)
        case .damaged(let reason): .damagedIndex(directory: directory.path, reason: reason)
        case .readOnly(_, let reason): .readOnlyIndex(directory: directory.path, reason: reason)
        default: .failed(operation: operation, underlying: store)
        }
    }

    /// Runs `body`, mapping whatever it throws with `from(_:operation:directory:)`.
    static func wrapping<T>(_ operation: String, directory: URL, _ body: () throws -> T) throws(EngineError) -> T {
        do {
            return try body()
        } catch {
            throw from(error, operation: operation, directory: directory)
        }
    }

    /// The async form of `wrapping(_:directory:_:)`.
    static func wrapping<T>(_ operation: String, directory: URL, _ body: () async throws -> T) async throws(EngineError) -> T {
        do {
            return try await body()
        } catch {
            throw from(error, operation: operation, directory: directory)
        }
    }
}
