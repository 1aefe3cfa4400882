import Foundation
import Logging
import SeekPostgres

/// The engine's one PostgreSQL store (`--store postgres://...`), connected on first need and
/// closed by `close()`. Every service shares its connection pool.
actor PostgresHandle {
    let configuration: PostgresStoreConfiguration
    private var store: PostgresIndexStore?
    private var opening: Task<PostgresIndexStore, any Error>?
    private var closed = false

    init(configuration: PostgresStoreConfiguration) {
        self.configuration = configuration
    }

    /// The open store (connecting and migrating on the first call).
    /// - Throws: `EngineError.shutDown` after `close()`, or the store's error (unreachable server,
    ///   failed migration, another model's index) wrapped as `EngineError.failed`.
    func open() async throws(EngineError) -> PostgresIndexStore {
        guard !closed else { throw .shutDown }
        if let store { return store }
        let task = opening ?? Task { [configuration] in try await PostgresIndexStore.open(configuration: configuration) }
        opening = task
        do {
            let opened = try await task.value
            if closed {
                await opened.close()
                throw EngineError.shutDown
            }
            store = opened
            return opened
        } catch let error as EngineError {
            throw error
        } catch {
            opening = nil
            throw .failed(operation: "open the PostgreSQL store", underlying: error)
        }
    }

    /// Closes the connections; later `open()` calls throw `EngineError.shutDown`.
    func close() async {
        closed = true
        let current = store
        store = nil
        if let current { await current.close() }
    }
}
