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
            let pairs = try Self.readStandardInput()
            let scorer = try CrossEncoderScorer(modelDirectory: modelDirectory)
            for scored in try scorer.score(pairs) {
                try JSONOutput.printLine(scored)
            }
        }

        /// JSON lines with "query" and "passage" strings. Blank lines are skipped; any other line is
        /// an error naming its number (nothing is scored then).
        static func readStandardInput() throws -> [(query: String, passage: String)] {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            var pairs: [(query: String, passage: String)] = []
            for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                let repaired = String(decoding: line, as: UTF8.self)
                if repaired.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(repaired.utf8)) as? [String: Any],
                      let query = object["query"] as? String, let passage = object["passage"] as? String
                else {
                    throw ArgumentError("line \(index + 1) of standard input is not a JSON object with \"query\" and \"passage\" strings")
                }
                pairs.append((query, passage))
            }
            return pairs
        }
    }
}
