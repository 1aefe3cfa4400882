import ArgumentParser
import Foundation
import SeekEngine

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "The run log: one line per `seek index`, `seek eval` and `seek bench` run (<index>/runs.jsonl).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Only the newest N runs.")
    var last: Int?

    func validate() throws {
        if let last, last < 1 { throw ValidationError("--last must be at least 1") }
    }

    func run() async throws {
        try await global.withEngine { engine in
            let records = try engine.catalog.runs(last: last)
            if global.printsJSON {
                try JSONOutput.print(records)
            } else {
                Self.printTable(records, logPath: engine.catalog.runLog.url.path)
            }
        }
    }

    static func printTable(_ records: [RunRecord], logPath: String) {
        guard !records.isEmpty else {
            print("No runs logged yet in \(TerminalText.line(logPath)).")
            return
        }
        var table = TextTable([("time (UTC)", .left), ("operation", .left), ("files", .right), ("chunks", .right),
                               ("tokens/s", .right), ("seconds", .right), ("peak RSS", .right)])
        for record in records {
            table.append([
                Self.time(record.timestamp), Self.operation(of: record), String(record.filesProcessed), String(record.chunks),
                String(format: "%.0f", record.tokensPerSecond), String(format: "%.2f", record.seconds),
                String(format: "%.0f MB", record.peakRSSMB),
            ])
        }
        for line in table.lines() { print(line) }
    }

    /// "index", or "index (interrupted)" / "index (failed)" for a run that stopped early.
    static func operation(of record: RunRecord) -> String {
        guard let reason = record.stoppedBy else { return record.operation }
        return record.operation + (reason == "interrupted" ? " (interrupted)" : " (failed)")
    }

    /// "2025-05-01 09:30:00" in UTC.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
