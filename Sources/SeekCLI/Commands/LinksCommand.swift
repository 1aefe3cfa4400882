import ArgumentParser
import SeekEngine

struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "A file's outgoing links, backlinks (with the linking text), unresolved links and tags.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The file's path.")
    var path: String

    func run() async throws {
        try await global.withEngine { engine in
            let links = try await engine.graph.links(path: path)
            if global.printsJSON {
                try JSONOutput.print(links)
                return
            }
            print(Terminal.bold(TerminalText.line(links.path)))
            print(Terminal.bold("Links") + Terminal.dim(" (\(links.outgoing.count))"))
            for link in links.outgoing {
                print("  → \(TerminalText.line(link.path ?? link.target))\(Self.anchor(link.anchor))  \(Terminal.dim(link.kind))")
            }
            print(Terminal.bold("Backlinks") + Terminal.dim(" (\(links.backlinks.count))"))
            for backlink in links.backlinks {
                print("  ← \(TerminalText.line(backlink.path))\(Self.anchor(backlink.anchor))  \(Terminal.dim(backlink.kind))")
                if let snippet = backlink.snippet { print("    " + Terminal.dim(TerminalText.line(snippet))) }
            }
            if !links.unresolved.isEmpty {
                print(Terminal.bold("Unresolved") + Terminal.dim(" (\(links.unresolved.count))"))
                for link in links.unresolved {
                    print("  ? \(TerminalText.line(link.target))\(Self.anchor(link.anchor))  \(Terminal.dim(link.kind))")
                }
            }
            if !links.tags.isEmpty { print(Terminal.bold("Tags") + " " + TerminalText.line(links.tags.map { "#" + $0 }.joined(separator: " "))) }
        }
    }

    static func anchor(_ anchor: String?) -> String {
        anchor.map { "#" + TerminalText.line($0) } ?? ""
    }
}
