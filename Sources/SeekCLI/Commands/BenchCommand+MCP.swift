import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

extension BenchCommand {
    struct MCP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mcp",
            abstract: "A real `seek mcp` over stdio on a synthetic index: sequential `search` calls (p50/p95 latency), `related` calls, "
                + "and how often the server loaded the model.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Sequential search calls (default 200).")
        var calls = 200

        @Option(name: .long, help: "Chunks of the synthetic index (default 10,000).")
        var chunks = 10_000

        func run() async throws {
            try await global.withEngine { engine in
                let result = try BenchRunner.mcp(engine: engine, calls: calls, chunks: chunks) { note in
                    if Terminal.isStandardError { Terminal.note(note) }
                }
                try JSONOutput.print(BenchReport(result))
            }
        }
    }
}
