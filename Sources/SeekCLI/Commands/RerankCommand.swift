import ArgumentParser
import Foundation
import SeekEngine

struct RerankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Cross-encoder reranking.",
        subcommands: [Score.self])

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score pairs: JSON lines {\"query\", \"passage\"} on standard input, JSON lines {\"input_ids\", \"score\"} out, in input order.")

        @Option(name: .customLong("model-dir"), help: "A BertForSequenceClassification model directory (config.json, model.safetensors, tokenizer.json).")
        var modelDirectory: String

        func run() async throws {
            let pairs = try JSONLinesInput.readStrings(["query", "passage"]).map { (query: $0[0], passage: $0[1]) }
            let scorer = try CrossEncoderScorer(modelDirectory: modelDirectory)
            for scored in try scorer.score(pairs) {
                try JSONOutput.printLine(scored)
            }
        }
    }
}
