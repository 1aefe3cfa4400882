import Foundation
import SeekBench
import SeekEngine

/// Text tables of `seek bench suite` and `seek bench compare`.
enum SuiteTable {
    static func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }

    static func column(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func printSummaries(_ report: SuiteReport) {
        print(Terminal.dim("  mode     difficulty  queries  rejected   p50 ms   p95 ms   MRR@10"))
        for summary in report.summaries {
            print("  " + summary.mode.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                + summary.difficulty.padding(toLength: 10, withPad: " ", startingAt: 0)
                + column("\(summary.queries)", 9) + column("\(summary.rejected)", 10)
                + column(number(summary.p50Milliseconds, "%.1f"), 9) + column(number(summary.p95Milliseconds, "%.1f"), 9)
                + column(number(summary.mrrAt10, "%.3f"), 9))
        }
    }

    static func printComparison(_ comparison: SuiteComparison) {
        print(Terminal.bold("A") + " \(comparison.a)\n" + Terminal.bold("B") + " \(comparison.b)")
        print(Terminal.dim("  mode     difficulty    p50 A    p50 B     Δp50    p95 A    p95 B     Δp95  MRR A  MRR B   ΔMRR"))
        for change in comparison.summaries {
            print("  " + change.mode.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                + change.difficulty.padding(toLength: 10, withPad: " ", startingAt: 0)
                + column(number(change.p50MillisecondsA, "%.1f"), 9) + column(number(change.p50MillisecondsB, "%.1f"), 9)
                + column(number(change.p50MillisecondsDelta, "%+.1f"), 9)
                + column(number(change.p95MillisecondsA, "%.1f"), 9) + column(number(change.p95MillisecondsB, "%.1f"), 9)
                + column(number(change.p95MillisecondsDelta, "%+.1f"), 9)
                + column(number(change.mrrAt10A, "%.3f"), 7) + column(number(change.mrrAt10B, "%.3f"), 7)
                + column(number(change.mrrAt10Delta, "%+.3f"), 7))
        }
        if comparison.changed.isEmpty { print("No query's top results changed.") }
        for query in comparison.changed {
            print(Terminal.bold("[\(query.difficulty.rawValue)] \(query.mode.rawValue)") + " \(query.query.prefix(70))")
            if query.rejectedA != query.rejectedB {
                print("    rejected: A \(query.rejectedA ?? "no"), B \(query.rejectedB ?? "no")")
            }
            for change in query.changes {
                let ranks = "\(change.rankA.map(String.init) ?? "–") → \(change.rankB.map(String.init) ?? "–")"
                print("    " + column(ranks, 7) + "  \(change.path)")
            }
        }
        for query in comparison.onlyInA { print(Terminal.dim("  only in A: \(query)")) }
        for query in comparison.onlyInB { print(Terminal.dim("  only in B: \(query)")) }
    }
}
