import Foundation
import SeekEmbedding
import SeekStore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's one open `IndexStore`, opened on first need and closed by `close()`.
///
/// A reader that finds no index gets `EngineError.noIndex`; the first write creates the index.
/// An index this process may read but not write (another user's, a read-only mount) is opened
/// read-only: reads work, writes throw `EngineError.readOnlyIndex`. Every service shares this
/// one store: one writer connection, one pool of reader connections.
final class StoreHandle: Sendable {
    private struct State {
        var store: IndexStore?
        var closed = false
    }

    /// The index directory.
    let directory: URL
    /// Set when the index lives elsewhere (PostgreSQL): every use of the SQLite file then throws
    /// `EngineError.invalidRequest` with this reason instead of opening `./.seek`.
    let elsewhere: String?
    private let model = ModelIdentity.miniLM
    private let state = Mutex(State())

    init(directory: URL, elsewhere: String? = nil) {
        self.directory = directory
        self.elsewhere = elsewhere
    }

    /// The database file.
    var databaseURL: URL { directory.appendingPathComponent(StoreConfiguration().databaseFileName) }

    /// The index, opened when it exists (read-only when it cannot be written). Throws
    /// `EngineError.noIndex` when there is none.
    func existing() throws(EngineError) -> IndexStore {
        try open(create: false, readOnly: writeBlocker() != nil)
    }

    /// The index, created when missing. Throws `EngineError.readOnlyIndex` when it cannot be
    /// written, before anything is tried.
    func forWriting() throws(EngineError) -> IndexStore {
        if let reason = writeBlocker() { throw .readOnlyIndex(directory: directory.path, reason: reason) }
        let store = try open(create: true, readOnly: false)
        if store.isReadOnly { throw .readOnlyIndex(directory: directory.path, reason: "opened read-only by this process") }
        return store
    }

    /// Why this process cannot write the index (permission denied, a read-only file system), or
    /// nil when it can (or when there is no index yet and its folder can be created).
    func writeBlocker() -> String? {
        let fileManager = FileManager.default
        for path in [databaseURL.path, directory.path] where fileManager.fileExists(atPath: path) {
            if access(path, W_OK) != 0 {
                let code = errno
                return code == EROFS ? "read-only file system" : "no write permission for \(path): \(String(cString: strerror(code)))"
            }
        }
        return nil
    }

    /// The store when it is open; nil before its first use and after `close()`.
    var openStore: IndexStore? { state.withLock { $0.store } }

    /// Closes the store; later uses throw `EngineError.shutDown`.
    func close() {
        let store = state.withLock { state -> IndexStore? in
            state.closed = true
            defer { state.store = nil }
            return state.store
        }
        try? store?.close()
    }

    /// Closes the store for a moment (the database file is about to be replaced); the next use
    /// opens the new file.
    func reopen() {
        let store = state.withLock { state -> IndexStore? in
            defer { state.store = nil }
            return state.store
        }
        try? store?.close()
    }

    private func open(create: Bool, readOnly: Bool) throws(EngineError) -> IndexStore {
        if let elsewhere { throw .invalidRequest(reason: "this needs Seek's SQLite index, but the index is \(elsewhere)") }
        let marker = ModelMarker(id: model.id, dimension: model.dimension)
        let directory = directory
        return try state.withLock { state throws(EngineError) -> IndexStore in
            guard !state.closed else { throw .shutDown }
            if let store = state.store { return store }
            let store = try EngineError.wrapping("open the index", directory: directory) {
                try IndexStore.open(directory: directory, model: marker, create: create, readOnly: readOnly)
            }
            state.store = store
            return store
        }
    }
}
