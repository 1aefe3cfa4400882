import ArgumentParser
import Foundation
import SeekEngine
import SeekMCP

struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the index to AI agents over the Model Context Protocol: JSON-RPC on standard input and output, logs on standard error.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("allow-root"), help: "A folder inside which the `index` tool may add new roots (repeatable). Default: none.")
    var allowRoots: [String] = []

    @Flag(name: .long, help: "Index with embedder worker processes instead of this process's warm model.")
    var pool = false

    @Option(name: .long, help: "Embedder worker processes with --pool (default: number of cores).")
    var workers: Int?

    func validate() throws {
        for root in allowRoots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ArgumentError("--allow-root \(root) is not a folder")
            }
        }
    }

    func run() async throws {
        try await global.withEngine(role: .service, adding: { settings in
            settings.inProcess = !pool
            settings.workers = workers
        }) { engine in
            let server = SeekMCPServer(engine: engine, configuration: SeekMCPConfiguration(allowedRoots: allowRoots))
            let serving = Task { try await server.serveStandardIO() }
            // SIGINT/SIGTERM: stop serving, and the index run going on after its current transaction.
            let trap = SignalTrap(signals: [SIGINT, SIGTERM]) { _ in
                serving.cancel()
                Task { await engine.indexing.cancelRunning() }
            }
            defer { trap.cancel() }
            try await serving.value
        }
    }
}
