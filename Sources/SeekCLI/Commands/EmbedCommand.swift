import ArgumentParser
import Foundation
import SeekEngine

struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts: JSON lines {\"text\": ...} on standard input (or --text), JSON lines {\"ids\", \"embedding\"} out, in input order.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var embedding: EmbeddingOptions
    @OptionGroup var precision: PrecisionOptions

    @Option(name: .long, help: "Embed this text instead of reading standard input (repeatable).")
    var text: [String] = []

    func run() async throws {
        let texts = try text.isEmpty ? JSONLinesInput.readStrings(["text"]).map { $0[0] } : text
        try await global.withEngine(adding: { settings in
            embedding.apply(to: &settings)
            precision.apply(to: &settings)
        }) { engine in
            // The output is the vectors alone (JSON lines): a precision fallback goes to standard error.
            if let note = engine.model.precisionNote { Terminal.note(Terminal.yellow("warning: ") + note) }
            for result in try await engine.model.embed(texts: texts) {
                try JSONOutput.printLine(result)
            }
        }
    }
}
