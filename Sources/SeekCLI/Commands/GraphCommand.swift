import ArgumentParser
import SeekEngine

extension GraphExportFormat: ExpressibleByArgument {}

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", abstract: "The whole link and tag graph, as JSON, Graphviz DOT or GraphML (Gephi).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "json, dot or graphml (default json).")
    var format: GraphExportFormat = .json

    func run() async throws {
        try await global.withEngine { engine in
            let text = try await engine.graph.export(format: global.json ? .json : format)
            print(Terminal.isStandardOutput ? TerminalText.block(text) : text)
        }
    }
}
