import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import SeekEngine
import SeekMCP
import ServiceLifecycle

/// `seek serve`: one process that keeps the model and the vectors warm and serves the index over
/// HTTP: the JSON API (`APIRoutes`), Server-Sent Events (`/api/events`), Prometheus metrics
/// (`/metrics`), the MCP endpoint (`/mcp`) and the web UI (`/`, `/dashboard`), all behind one
/// gate (`RequestGuardMiddleware`). Searches run concurrently on the engine's current searcher
/// snapshot while runs index.
///
/// Shutdown is graceful (SIGINT/SIGTERM through swift-service-lifecycle): event streams and MCP
/// sessions end, a run in progress stops after its current transaction (the index stays valid),
/// requests in flight finish, then `run()` returns; the caller shuts the engine down.
public final class SeekHTTPServer: Sendable {
    public let engine: SeekEngine
    public let configuration: ServerConfiguration
    public let metrics: ServerMetrics
    let streams = ServerSentEvents()
    let mcp: MCPHTTPEndpoint
    let assets: WebAssets
    let logger = Logger(label: "seek.server")

    /// A server for `engine` (use an engine of role `.service`).
    /// - Throws: `ServerError` when the configuration is unsafe or invalid, or the web resources are missing.
    public init(engine: SeekEngine, configuration: ServerConfiguration = ServerConfiguration(),
                metrics: ServerMetrics = ServerMetrics()) throws(ServerError) {
        try configuration.validate()
        self.engine = engine
        self.configuration = configuration
        self.metrics = metrics
        assets = try WebAssets()
        // The gate checks Host and Origin first; the MCP transports check them again with the same names.
        let names = configuration.bindsLoopback ? ["127.0.0.1", "localhost", "[::1]"] : [configuration.host]
        let hosts = names + names.map { $0 + ":*" }
        mcp = MCPHTTPEndpoint(server: SeekMCPServer(engine: engine, configuration: SeekMCPConfiguration(allowedRoots: configuration.mcpAllowedRoots)),
                              configuration: MCPHTTPEndpoint.Configuration(allowedHosts: hosts, allowedOrigins: hosts.map { "http://" + $0 }))
    }

    /// Clients connected to /api/events now.
    public var openEventStreams: Int { streams.openCount }

    /// Makes the process's swift-metrics backend write into `metrics`' registry, so the engine's
    /// own metrics (embedder pool, indexing queues) appear at /metrics too. Once per process.
    public static func bootstrapMetrics(_ metrics: ServerMetrics) {
        MetricsSystem.bootstrap(metrics.factory)
    }

    /// The router with every route and the gate.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: APIErrorMiddleware(logger: logger))
        router.add(middleware: RequestGuardMiddleware(configuration: configuration))
        APIRoutes(engine: engine, configuration: configuration, metrics: metrics, streams: streams).add(to: router)
        MCPRoute(endpoint: mcp, maxBodyBytes: configuration.maxBodyBytes).add(to: router)
        assets.add(to: router)
        return router
    }

    /// The application, with its services (event metrics, shutdown of streams and sessions, the
    /// watcher with `watches`). `onListening` gets the bound port (useful with port 0).
    public func makeApplication(onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> Application<RouterResponder<BasicRequestContext>> {
        var services: [any Service] = [
            EventMetricsService(events: engine.events, metrics: metrics),
            ShutdownCoordinator(server: self),
        ]
        if configuration.watches { services.append(WatcherService(engine: engine, logger: logger)) }
        return Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "seek"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onListening: onListening).runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// What the graceful shutdown does before the server waits for open connections.
    func beginShutdown() async {
        streams.finishAll()
        await mcp.closeAllSessions()
        await engine.indexing.cancelRunning()
    }
}
