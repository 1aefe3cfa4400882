import ArgumentParser
import Foundation
import SeekBench
import SeekEngine

extension BenchCommand {
    struct Suite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a search suite on the current index in vector, keyword and hybrid modes: latency and MRR@10 per difficulty; "
                + "saved under <index>/bench/.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Queries: JSON lines {\"query\",\"difficulty\",\"relevant\"} (default bench/suite/sample-queries.jsonl).")
        var queries: String?

        func run() async throws {
            try await global.withEngine { engine in
                let report = try await BenchRunner.suite(engine: engine, queriesFile: queries.map { URL(fileURLWithPath: $0) })
                if global.printsJSON {
                    try JSONOutput.print(BenchReport(report))
                    return
                }
                print(Terminal.bold("Search suite") + ": \(report.queries.count) queries from \(report.queriesFile), \(report.chunks) chunks")
                SuiteTable.printSummaries(report)
                for query in report.queries {
                    guard let hybrid = query.run(.hybrid) else { continue }
                    let detail = hybrid.rejected.map { Terminal.yellow("rejected: \($0)") }
                        ?? (hybrid.reciprocalRank.map { String(format: "rr %.2f  ", $0) } ?? "") + hybrid.top.joined(separator: ", ")
                    print("  " + Terminal.dim("[\(query.difficulty.rawValue)]") + " \(TerminalText.line(String(query.query.prefix(60))))  "
                        + Terminal.dim(TerminalText.line(detail)))
                }
                if let saved = report.savedTo { print("Saved \(saved)") }
            }
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two `seek bench suite` results (latency and MRR@10 differences, B − A, and rank changes of top results), or two `seek bench rerank` reports (quality and stage latencies per mode, B − A).")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The earlier suite result (JSON).")
        var a: String

        @Argument(help: "The later suite result (JSON).")
        var b: String

        func run() async throws {
            LogSetup.bootstrap(verbosity: global.verbose)
            let urlA = URL(fileURLWithPath: a), urlB = URL(fileURLWithPath: b)
            if RerankReportComparison.isRerankReport(urlA) {
                let comparison = try RerankReportComparison(a: urlA, b: urlB)
                if global.printsJSON {
                    try JSONOutput.print(comparison)
                    return
                }
                print("rerank          nDCG@10 (B − A)   Recall@100 (B − A)   MRR@10 (B − A)   total p50 ms (B − A)")
                for mode in comparison.modes {
                    print(mode.rerank.padding(toLength: 14, withPad: " ", startingAt: 0)
                        + String(format: "  %.4f (%+.4f)   %.4f (%+.4f)      %.4f (%+.4f)  %.2f (%+.2f)",
                                 mode.ndcgAt10.b, mode.ndcgAt10.delta, mode.recallAt100.b, mode.recallAt100.delta,
                                 mode.mrrAt10.b, mode.mrrAt10.delta, mode.totalP50Milliseconds.b, mode.totalP50Milliseconds.delta))
                }
                for name in comparison.onlyInA { print("\(name): only in \(a)") }
                for name in comparison.onlyInB { print("\(name): only in \(b)") }
                return
            }
            let comparison = SuiteComparison(a: try SuiteReport.load(from: URL(fileURLWithPath: a)),
                                             b: try SuiteReport.load(from: URL(fileURLWithPath: b)), nameA: a, nameB: b)
            if global.printsJSON {
                try JSONOutput.print(comparison)
                return
            }
            SuiteTable.printComparison(comparison)
        }
    }
}
