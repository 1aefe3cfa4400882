import ArgumentParser
import SeekEngine

struct TagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "Tags with their file counts, or the files carrying one tag (nested tags included).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A tag (with or without #); omit it to list every tag.")
    var tag: String?

    func run() async throws {
        try await global.withEngine { engine in
            let report = try await engine.graph.tags(tag)
            if global.printsJSON {
                try JSONOutput.print(report)
                return
            }
            if let files = report.files {
                if files.isEmpty { Terminal.note("No file carries #\(TerminalText.line(report.tag ?? "")).") }
                for file in files { print(TerminalText.line(file)) }
            }
            if let tags = report.tags {
                if tags.isEmpty { Terminal.note("No tags in the index.") }
                for count in tags { print("#\(TerminalText.line(count.tag))  \(Terminal.dim("\(count.files) file\(count.files == 1 ? "" : "s")"))") }
            }
        }
    }
}
