import ArgumentParser
import SeekEngine

struct RelatedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related", abstract: "The documents most similar to a file, marking those already linked.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The file's path.")
    var path: String

    @Option(name: .short, help: "How many documents (default 10).")
    var k: Int = 10

    func run() async throws {
        try await global.withEngine { engine in
            let related = try await engine.searching.related(path: path, k: k)
            if global.printsJSON {
                try JSONOutput.print(related)
                return
            }
            for note in related.results {
                let mark = note.linked ? Terminal.green("linked") : Terminal.yellow("not linked")
                print("\(String(format: "%.3f", note.score))  \(TerminalText.line(note.path))  \(mark)")
            }
        }
    }
}
