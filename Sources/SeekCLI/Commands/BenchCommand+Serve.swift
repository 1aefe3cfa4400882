import ArgumentParser
import Foundation
import SeekBench
import SeekEngine
import SeekServer

extension BenchCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "HTTP load on `seek serve` over a synthetic index: warm hybrid p50, then N concurrent clients of hybrid searches "
                + "while an index run adds files (errors, p50/p99, requests/s).")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Concurrent clients (default 32).")
        var clients = 32

        @Option(name: .long, help: "Seconds of load (default 30).")
        var seconds = 30.0

        @Option(name: .long, help: "Chunks of the synthetic index (default 10,000).")
        var chunks = 10_000

        @Option(name: .long, help: "Files the concurrent index run adds (default 200).")
        var files = 200

        @Flag(name: .long, help: "The index run embeds in worker processes instead of the server's warm model.")
        var pool = false

        func run() async throws {
            try await global.withEngine { engine in
                let result = try await BenchRunner.serve(
                    engine: engine, benchmark: ServeBenchmark(clients: clients, seconds: seconds), chunks: chunks, files: files, pool: pool,
                    startServer: { served in try await Self.start(served) },
                    progress: { note in if Terminal.isStandardError { Terminal.note(note) } })
                try JSONOutput.print(result)
            }
        }

        /// `seek serve`'s server on a free loopback port, stopped by cancelling its task.
        static func start(_ engine: SeekEngine) async throws -> ServeBenchmark.RunningServer {
            let server = try SeekHTTPServer(engine: engine, configuration: ServerConfiguration(port: 0))
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let serving = Task { try await server.makeApplication(onListening: { continuation.yield($0) }).run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ArgumentError("the server did not start") }
            return ServeBenchmark.RunningServer(port: port) {
                serving.cancel()
                _ = await serving.result
            }
        }
    }
}
