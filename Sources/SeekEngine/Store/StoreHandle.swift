import Foundation
import SeekEmbedding
import SeekStore
import Synchronization

/// The engine's one open `IndexStore`, opened on first need and closed by `close()`.
///
/// A reader that finds no index gets `EngineError.noIndex`; the first write creates the index.
/// Every service shares this one store: one writer connection, one pool of reader connections.
final class StoreHandle: Sendable {
    private struct State {
        var store: IndexStore?
        var closed = false
    }

    /// The index directory.
    let directory: URL
    private let model = ModelIdentity.miniLM
    private let state = Mutex(State())

    init(directory: URL) {
        self.directory = directory
    }

    /// The index, opened when it exists. Throws `EngineError.noIndex` when there is none.
    func existing() throws(EngineError) -> IndexStore {
        try open(create: false)
    }

    /// The index, created when missing.
    func forWriting() throws(EngineError) -> IndexStore {
        try open(create: true)
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

    private func open(create: Bool) throws(EngineError) -> IndexStore {
        let marker = ModelMarker(id: model.id, dimension: model.dimension)
        let directory = directory
        return try state.withLock { state throws(EngineError) -> IndexStore in
            guard !state.closed else { throw .shutDown }
            if let store = state.store { return store }
            let store = try EngineError.wrapping("open the index", directory: directory) {
                try IndexStore.open(directory: directory, model: marker, create: create)
            }
            state.store = store
            return store
        }
    }
}
