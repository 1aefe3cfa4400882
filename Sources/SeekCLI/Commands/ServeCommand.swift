import ArgumentParser
import Foundation
import SeekEngine
import SeekServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index over HTTP: JSON API, search page, live dashboard, /metrics, /mcp. Ctrl-C stops.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Address to listen on (default 127.0.0.1; any other needs --token).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port (default 7700; 0 picks a free one).")
    var port = 7700

    @Flag(name: .long, help: "Watch the roots and index changes in this process.")
    var watch = false

    @Option(name: .long, help: "Bearer token every API request must carry (or $SEEK_TOKEN).")
    var token: String?

    @Option(name: .customLong("allow-root"), help: "A folder inside which the MCP `index` tool may add roots (repeatable).")
    var allowRoots: [String] = []

    @Flag(name: .long, help: "Index with embedder worker processes instead of this process's warm model.")
    var pool = false

    @Option(name: .long, help: "Embedder worker processes with --pool (default: number of cores).")
    var workers: Int?

    /// The listening line on standard output (JSON in a pipe).
    struct Listening: Encodable {
        var event = "listening"
        let url: String
        let port: Int
    }

    func run() async throws {
        let configuration = ServerConfiguration(
            host: host, port: port, token: token ?? ProcessInfo.processInfo.environment["SEEK_TOKEN"], watches: watch,
            mcpAllowedRoots: allowRoots)
        do {
            try configuration.validate()
        } catch {
            throw ArgumentError(error.description)
        }
        let metrics = ServerMetrics()
        SeekHTTPServer.bootstrapMetrics(metrics)
        let printsJSON = global.printsJSON
        try await global.withEngine(role: .service, adding: { settings in
            settings.inProcess = !pool
            settings.workers = workers
        }) { engine in
            let server: SeekHTTPServer
            do {
                server = try SeekHTTPServer(engine: engine, configuration: configuration, metrics: metrics)
            } catch {
                throw ArgumentError("\(error)")
            }
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            try await server.run { port in
                let url = "http://\(host):\(port)"
                if printsJSON {
                    try? JSONOutput.printLine(Listening(url: url, port: port))
                } else {
                    print("Seek is serving \(url)  (search: \(url)/, dashboard: \(url)/dashboard; Ctrl-C stops)")
                }
            }
        }
    }
}
