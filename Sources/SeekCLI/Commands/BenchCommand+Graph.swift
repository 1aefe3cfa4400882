import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

extension BenchCommand {
    /// `seek bench graph`: extraction overhead on indexing and gaps time (see `GraphBenchmark`).
    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Knowledge graph costs: link and tag extraction against index time on Cranfield as linked notes, "
                + "and seek gaps over N synthetic documents (default 10,000).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var embedding: EmbeddingOptions

        @Option(name: .long, help: "Cranfield notes to index (default 1400).")
        var notes = 1400

        @Option(name: .long, help: "Synthetic documents for gaps (default 10000).")
        var documents = 10_000

        @Flag(name: .customLong("in-process"), help: "Embed in this process instead of worker processes.")
        var inProcess = false

        func run() async throws {
            let result = try await global.withEngine(adding: { settings in
                embedding.apply(to: &settings)
                settings.inProcess = inProcess ? true : nil
            }) { engine in
                try await BenchRunner.graph(engine: engine, notes: notes, documents: documents)
            }
            if global.printsJSON {
                try JSONOutput.print(result)
                return
            }
            print(String(format: "extraction  %.3f s of %.1f s indexing %d notes: %.2f%% (goal <= 3%%)",
                         result.extractionSeconds, result.indexSeconds, result.notes, result.extractionOverheadPercent))
            print(String(format: "gaps        %.2f s over %d documents (goal <= 5 s)", result.gapsSeconds, result.gapsDocuments))
        }
    }
}
