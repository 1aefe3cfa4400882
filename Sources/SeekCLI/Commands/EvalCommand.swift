import ArgumentParser
import Foundation
import SeekEngine

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Retrieval quality on a BEIR dataset (corpus.jsonl, queries.jsonl, qrels/test.tsv): nDCG@10, Recall@100, MRR@10 per mode.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions
    @OptionGroup var precision: PrecisionOptions

    @Argument(help: "Dataset folder in BEIR layout (e.g. datasets/cranfield).")
    var dataset: String

    @Option(name: .long, help: "all | vector | keyword | hybrid.")
    var mode = "all"

    @Option(name: .long, help: "none | prf | cross-encoder: the reranking stage of every mode (default: config search.rerank, else none).")
    var rerank: String?

    @Option(name: .customLong("rerank-depth"), help: "Files the cross-encoder rescores (default 50, config search.rerank_depth).")
    var rerankDepth: Int?

    @Flag(name: .customLong("in-process"), help: "Embed the corpus in this process instead of worker processes.")
    var inProcess = false

    func run() async throws {
        let modes: [SearchMode]
        if mode == "all" {
            modes = [.vector, .keyword, .hybrid]
        } else if let single = SearchMode(rawValue: mode) {
            modes = [single]
        } else {
            throw ArgumentError("--mode '\(mode)' is not one of all, vector, keyword, hybrid")
        }
        try await global.withEngine(adding: { settings in
            embedding.apply(to: &settings)
            precision.apply(to: &settings)
            settings.inProcess = inProcess ? true : nil
            settings.rerank = rerank
            settings.rerankDepth = rerankDepth
        }) { engine in
            let run = try await engine.evaluation.evaluate(dataset: URL(fileURLWithPath: dataset), modes: modes)
            if global.printsJSON {
                try JSONOutput.print(run)
                return
            }
            print(Terminal.bold("\(run.dataset)") + ": \(run.docs) documents, \(run.queries) judged queries, "
                + (run.index.cached ? "cached index" : String(format: "indexed in %.1f s", run.index.seconds)) + " (\(run.index.chunks) chunks)"
                + ", rerank \(run.rerank)")
            print("  mode      nDCG@10  Recall@100  MRR@10")
            for result in run.results {
                print("  " + result.mode.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: "  %7.4f  %10.4f  %6.4f", result.ndcgAt10, result.recallAt100, result.mrrAt10))
            }
            print(Terminal.dim(String(format: "%.1f s", run.seconds)))
        }
    }
}
