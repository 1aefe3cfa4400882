import Logging
import SeekEngine
import ServiceLifecycle

/// `seek serve --watch`: the engine's watcher (a catch-up run, then file-system events to index
/// runs) in the server's process, until the server shuts down. The watcher runs in a task that
/// is cancelled on shutdown: `WatchService.stop()` alone does nothing while the catch-up run is
/// still going (the watch loop has not started), and the process would never exit.
struct WatcherService: Service {
    let engine: SeekEngine
    let logger: Logger

    func run() async throws {
        let watching = Task { [engine, logger] in
            do {
                try await engine.watching.run()
            } catch {
                logger.error("the watcher stopped", metadata: ["error": "\(error)"])
            }
        }
        try? await gracefulShutdown()
        watching.cancel()
        await engine.watching.stop()
        await watching.value
    }
}
