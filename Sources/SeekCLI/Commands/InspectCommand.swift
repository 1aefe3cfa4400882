import ArgumentParser
import SeekEngine

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "The index's SQLite file: size, pages, fragmentation, rows and bytes per table, pragmas, schema.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let inspection = try await global.withEngine { try $0.diagnostics.inspect() }
        if global.printsJSON {
            try JSONOutput.print(inspection)
            return
        }
        let pragmas = inspection.pragmas
        print(Terminal.bold("Index") + " \(TerminalText.line(inspection.database))")
        print("  size        \(ByteFormat.string(inspection.fileBytes)) (+ WAL \(ByteFormat.string(inspection.walBytes)))")
        print("  pages       \(inspection.pageCount) × \(inspection.pageSize) B, \(inspection.freePages) free "
            + String(format: "(%.2f%% fragmentation)", inspection.fragmentationPercent))
        print("  pragmas     journal_mode=\(pragmas.journalMode) foreign_keys=\(pragmas.foreignKeys ? "on" : "off") "
            + "synchronous=\(pragmas.synchronous) busy_timeout=\(pragmas.busyTimeoutMilliseconds) ms")
        print("  sqlite      \(inspection.sqliteVersion)")
        print("  schema      \(inspection.schemaVersion) (migrations \(inspection.migrations.joined(separator: ", ")))")
        print("  model       \(inspection.model.id) (\(inspection.model.dimension) dimensions)")
        for root in inspection.roots { print("  root        \(TerminalText.line(root))") }
        print("  snapshots   \(inspection.snapshots)")
        if let note = inspection.note { print("  " + Terminal.yellow("note") + "        \(note)") }
        var table = TextTable([("table", .left), ("type", .left), ("rows", .right), ("bytes", .right)])
        for entry in inspection.tables {
            table.append([entry.name, entry.type, entry.rows.map(String.init) ?? "–", entry.bytes.map { ByteFormat.string($0) } ?? "–"])
        }
        print("")
        for line in table.lines(indent: "  ") { print(line) }
    }
}
