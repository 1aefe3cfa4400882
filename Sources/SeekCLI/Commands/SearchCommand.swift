import ArgumentParser
import Foundation
import SeekEngine

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index: hybrid (default), vector or keyword; the best chunk of each file.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var precision: PrecisionOptions

    @Argument(help: "What to look for, in your own words.")
    var query: String

    @Option(name: .short, parsing: .unconditional, help: "Number of results (files), 1...1000, default 10.")
    var k: Int?

    @Option(name: .long, help: "hybrid | vector | keyword (default hybrid).")
    var mode: String?

    @Option(name: .long, help: "none | prf | cross-encoder: pseudo-relevance feedback re-runs retrieval with an expanded query; cross-encoder rescores the top files (`seek model fetch --reranker` first). Default none, config search.rerank.")
    var rerank: String?

    @Option(name: .customLong("rerank-depth"), help: "Files the cross-encoder rescores (default 50, config search.rerank_depth).")
    var rerankDepth: Int?

    @Option(name: .long, help: "Only files under this folder.")
    var path: String?

    @Option(name: .long, help: "Only files with this extension (repeatable: --type md --type pdf).")
    var type: [String] = []

    @Option(name: .long, help: "Only files modified on or after this date (YYYY-MM-DD or ISO 8601).")
    var after: String?

    @Option(name: .long, help: "Only files modified before this date (YYYY-MM-DD or ISO 8601).")
    var before: String?

    @Option(name: .long, help: "Only files carrying this tag (nested tags included).")
    var tag: String?

    @Option(name: .customLong("linked-from"), help: "Only files this file links to.")
    var linkedFrom: String?

    func validate() throws {
        if let k, !(1...1000).contains(k) { throw ArgumentError("-k must be between 1 and 1000, not \(k)") }
    }

    func run() async throws {
        try await global.withEngine(adding: { settings in
            precision.apply(to: &settings)
            settings.searchK = k
            settings.searchMode = mode
            settings.rerank = rerank
            settings.rerankDepth = rerankDepth
        }) { engine in
            let filter = SearchFilter(
                pathPrefix: path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, fileTypes: type,
                modifiedAfter: try after.map { try DateArgument.parse($0, option: "--after") },
                modifiedBefore: try before.map { try DateArgument.parse($0, option: "--before") },
                tag: tag, linkedFrom: linkedFrom)
            let request = SearchRequest(query: query, mode: engine.settings.searchMode, k: engine.settings.searchK, filter: filter)
            let response = try await engine.searching.search(request)
            for warning in response.warnings { Terminal.note(Terminal.yellow("warning: ") + TerminalText.line(warning)) }
            if global.printsJSON {
                try JSONOutput.print(response)
            } else {
                Self.printResults(response)
            }
        }
    }

    static func printResults(_ response: SearchResponse) {
        guard !response.results.isEmpty else {
            print(Terminal.dim("No results for “\(TerminalText.line(response.query))” (\(response.mode.rawValue), \(String(format: "%.0f ms", response.tookMilliseconds)))."))
            return
        }
        for (rank, result) in response.results.enumerated() {
            let place = [result.page.map { "p. \($0)" }, "chunk \(result.chunk.ordinal)"].compactMap { $0 }.joined(separator: ", ")
            print(Terminal.bold(String(format: "%2d. ", rank + 1) + TerminalText.line(result.title)) + "  "
                + Terminal.dim(String(format: "%.4f · %@ · %@", result.score, result.foundBy.map(\.rawValue).joined(separator: "+"), place)))
            print("    " + Terminal.green(TerminalText.line(result.path)))
            print("    " + highlighted(result.snippet, result.highlights))
        }
        print(Terminal.dim("\(response.results.count) results, \(response.mode.rawValue), \(String(format: "%.0f ms", response.tookMilliseconds))"))
    }

    /// `text` made safe for the terminal on one line, with its highlight ranges (Unicode scalar
    /// offsets) styled.
    static func highlighted(_ text: String, _ highlights: [HighlightRange]) -> String {
        let scalars = Array(text.unicodeScalars)
        func piece(_ range: Range<Int>) -> String {
            TerminalText.line(String(String.UnicodeScalarView(scalars[range])).replacingOccurrences(of: "\n", with: " "))
        }
        guard Terminal.colors, !highlights.isEmpty else { return piece(0..<scalars.count) }
        var output = "", position = 0
        for range in highlights.sorted(by: { $0.start < $1.start }) where range.start >= position && range.end <= scalars.count {
            output += piece(position..<range.start)
            output += Terminal.highlight(piece(range.start..<range.end))
            position = range.end
        }
        output += piece(position..<scalars.count)
        return output
    }
}
