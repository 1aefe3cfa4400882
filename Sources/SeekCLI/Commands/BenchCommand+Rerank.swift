import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

extension BenchCommand {
    struct Rerank: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reranking comparison on a BEIR dataset: nDCG@10, Recall@100, MRR@10 and first-stage / rerank latency per mode "
                + "(hybrid), plus the latency added on a warm synthetic index; saved under <index>/bench/.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Dataset folder in BEIR layout (e.g. datasets/cranfield).")
        var dataset: String

        @Option(name: .long, help: "Comma-separated reranking modes (none, prf). Default none,prf.")
        var modes = "none,prf"

        @Option(name: .customLong("latency-chunks"), help: "Chunks of the synthetic index the added latency is measured on (0: skip). Default 10000.")
        var latencyChunks = 10_000

        func run() async throws {
            let parsed = modes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parsed.isEmpty else { throw ArgumentError("--modes needs at least one mode") }
            try await global.withEngine { engine in
                let result = try await BenchRunner.rerank(
                    engine: engine, dataset: URL(fileURLWithPath: dataset), modeNames: parsed, latencyChunks: latencyChunks,
                    progress: { Terminal.note(Terminal.dim($0)) })
                if global.printsJSON {
                    try JSONOutput.print(BenchReport(result))
                    return
                }
                let comparison = result.comparison
                print(Terminal.bold("Reranking") + ": \(comparison.dataset), \(comparison.queries) judged queries, \(comparison.searchMode), "
                    + "\(comparison.index.chunks) chunks")
                print("  rerank   nDCG@10  Recall@100  MRR@10  first p50/p95 ms  rerank p50/p95 ms")
                for row in comparison.modes {
                    print("  " + row.rerank.padding(toLength: 7, withPad: " ", startingAt: 0)
                        + String(format: "  %7.4f  %10.4f  %6.4f  %7.2f / %7.2f  %7.2f / %7.2f", row.ndcgAt10, row.recallAt100, row.mrrAt10,
                                 row.firstStageMilliseconds.p50, row.firstStageMilliseconds.p95, row.rerankMilliseconds.p50, row.rerankMilliseconds.p95))
                }
                if let latency = result.latency {
                    print(Terminal.bold("Warm hybrid search, k = 10") + ": synthetic index of \(latency.chunks) chunks, \(latency.queries) queries")
                    for (mode, row) in latency.modes.sorted(by: { $0.key < $1.key }) {
                        print("  " + mode.padding(toLength: 7, withPad: " ", startingAt: 0)
                            + String(format: "  total p50 %.2f ms, p95 %.2f ms; rerank p50 %.2f ms; added p50 %.2f ms",
                                     row.totalMilliseconds.p50, row.totalMilliseconds.p95, row.rerankMilliseconds.p50, row.addedP50Milliseconds))
                    }
                }
                if let saved = result.savedTo { print("Saved \(saved)") }
            }
        }
    }
}
