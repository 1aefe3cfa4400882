import ServiceLifecycle

/// Waits for the graceful shutdown, then ends what would keep connections open (event streams,
/// MCP sessions) and stops the run in progress after its current transaction.
struct ShutdownCoordinator: Service {
    let server: SeekHTTPServer

    func run() async throws {
        try? await gracefulShutdown()
        await server.beginShutdown()
    }
}
