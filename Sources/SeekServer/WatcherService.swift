import SeekEngine
import ServiceLifecycle

/// `seek serve --watch`: the engine's watcher (a catch-up run, then file-system events to index
/// runs) in the server's process, stopped on graceful shutdown.
struct WatcherService: Service {
    let engine: SeekEngine

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await engine.watching.run()
        } onGracefulShutdown: {
            Task { await engine.watching.stop() }
        }
    }
}
