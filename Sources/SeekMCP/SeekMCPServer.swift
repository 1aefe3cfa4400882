import Foundation
import Logging
import MCP
import SeekEngine
import Synchronization

/// Seek as an MCP server: the tools of `ToolCatalog` and the resources of `ResourceCatalog`
/// over one long-lived engine, so every connection shares the warm model, the current searcher
/// snapshot and the single writer.
///
/// One `SeekMCPServer` per process. Each connection gets its own MCP `Server` (`makeServer()`):
/// stdio has one (`serveStandardIO()`), the HTTP endpoint one per session (`MCPHTTPEndpoint`).
/// Tool failures are tool results with `isError` true and never end the server.
public final class SeekMCPServer: Sendable {
    /// What agents are told the server is for (MCP `instructions`).
    static let instructions = """
        Seek searches the user's own files offline (hybrid semantic + keyword search over an index \
        of documents, notes, PDFs, code). Use `search` first; read more with `get_document` (a path and \
        the chunk ordinal from a result); `related` finds documents like one you found. `remember` stores \
        a note that later searches find (with its id); `forget` deletes one by id. `status` and \
        `list_files` describe the index; `index` brings it in sync.
        """

    public let engine: SeekEngine
    public let configuration: SeekMCPConfiguration
    let tools: ToolRunner
    let resources: ResourceCatalog
    /// The warm-up, once started (nil before the first client).
    private let warmUpTask = Mutex<Task<Void, Never>?>(nil)
    private let logger = Logger(label: "seek.mcp")

    public init(engine: SeekEngine, configuration: SeekMCPConfiguration = SeekMCPConfiguration()) {
        self.engine = engine
        self.configuration = configuration
        tools = ToolRunner(engine: engine, configuration: configuration)
        resources = ResourceCatalog(engine: engine, pageSize: max(1, configuration.resourcesPerPage))
    }

    /// The names of the server's tools, in `tools/list` order.
    public var toolNames: [String] { tools.catalog.specs.map(\.name) }

    /// A new MCP `Server` with Seek's tools and resources registered, not started: one per
    /// connection (start it with `start(_:on:)`).
    public func makeServer() async -> Server {
        let server = Server(
            name: "seek", version: SeekEngine.version, title: "Seek", instructions: Self.instructions,
            capabilities: Server.Capabilities(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        let tools = tools, resources = resources
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: tools.catalog.specs.map(\.tool))
        }
        await server.withMethodHandler(CallTool.self) { parameters in
            try await tools.call(parameters)
        }
        await server.withMethodHandler(ListResources.self) { parameters in
            try await resources.list(cursor: parameters.cursor)
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            try await resources.read(uri: parameters.uri)
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: resources.templates)
        }
        return server
    }

    /// Starts `server` on `transport`; once a client initialises, the model and the searcher
    /// start loading in the background (once per process), unless the configuration says not to.
    /// - Throws: what the transport's `connect()` throws.
    public func start(_ server: Server, on transport: any Transport) async throws {
        try await server.start(transport: transport) { [self] client, _ in
            logger.info("client connected", metadata: ["client": "\(client.name) \(client.version)"])
            warmUp()
        }
    }

    /// Serves MCP over standard input and output (one JSON-RPC message per line; logs go to
    /// standard error) until standard input ends or the calling task is cancelled.
    /// - Throws: what the stdio transport throws when it cannot start.
    public func serveStandardIO() async throws {
        let server = await makeServer()
        try await start(server, on: StandardIOTransport(logger: logger))
        await withTaskCancellationHandler {
            await server.waitUntilCompleted()
        } onCancel: {
            Task { await server.stop() }
        }
        await server.stop()
        await finishWarmUp()
    }

    /// Waits for a warm-up in progress to end. A process must not exit while the model is still
    /// loading on another thread: the BLAS and oneDNN libraries' exit-time clean-up would run
    /// under it (a rare SIGSEGV of a client that disconnects right after `initialize`).
    public func finishWarmUp() async {
        await warmUpTask.withLock { $0 }?.value
    }

    /// Loads the model and the current searcher snapshot in the background, the first time only;
    /// failures (no index yet, no model) are left for the first tool call to report.
    func warmUp() {
        guard configuration.warmsUpOnInitialize else { return }
        let engine = engine, logger = logger
        warmUpTask.withLock { task in
            guard task == nil else { return }
            task = Task.detached(priority: .utility) {
                let started = ContinuousClock.now
                _ = try? await engine.model.embedder()
                _ = try? await engine.searching.current()
                logger.debug("warm", metadata: ["ms": "\((ContinuousClock.now - started).milliseconds)"])
            }
        }
    }
}
