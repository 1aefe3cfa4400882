import ArgumentParser
import Foundation
import SeekEngine

struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps", abstract: "Pairs of similar documents that no link joins, best first, with their closest chunks.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Smallest cosine of two document vectors (default 0.8).")
    var threshold: Double = 0.8

    @Option(help: "Most pairs shown (default 20).")
    var limit: Int = 20

    @Option(help: "Only documents under this folder (or this file).")
    var path: String?

    func run() async throws {
        try await global.withEngine { engine in
            let report = try await engine.graph.gaps(threshold: threshold, limit: limit, pathPrefix: path)
            if global.printsJSON {
                try JSONOutput.print(report)
                return
            }
            if report.pairs.isEmpty { Terminal.note("No unlinked pair of the \(report.documents) documents reaches \(report.threshold).") }
            for pair in report.pairs {
                print("\(String(format: "%.3f", pair.score))  \(TerminalText.line(pair.first))  ↔  \(TerminalText.line(pair.second))")
                if let reason = pair.reason {
                    print("    " + Terminal.dim(TerminalText.line(reason.firstChunk)))
                    print("    " + Terminal.dim(TerminalText.line(reason.secondChunk)))
                }
            }
        }
    }
}
