import ArgumentParser
import Foundation
import SeekEngine

struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts: JSON lines {\"text\": ...} on standard input (or --text), JSON lines {\"ids\", \"embedding\"} out, in input order.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions

    @Option(name: .long, help: "Embed this text instead of reading standard input (repeatable).")
    var text: [String] = []

    func run() async throws {
        let texts = try text.isEmpty ? Self.readStandardInput() : text
        try await global.withEngine(adding: embedding.apply) { engine in
            for result in try await engine.model.embed(texts: texts) {
                try JSONOutput.printLine(result)
            }
        }
    }

    /// JSON lines with a "text" string each. Invalid UTF-8 becomes U+FFFD; blank lines are skipped;
    /// any other line is an error naming its number (nothing is embedded then).
    static func readStandardInput() throws -> [String] {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var texts: [String] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let repaired = String(decoding: line, as: UTF8.self)
            if repaired.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(repaired.utf8)) as? [String: Any],
                  let text = object["text"] as? String
            else {
                throw ArgumentError("line \(index + 1) of standard input is not a JSON object with a \"text\" string")
            }
            texts.append(text)
        }
        return texts
    }
}
