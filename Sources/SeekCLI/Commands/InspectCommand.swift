import ArgumentParser
import SeekEngine
import SeekPostgres

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "The index's SQLite file: size, pages, fragmentation, rows and bytes per table, pragmas, schema; "
            + "with --store postgres://, the server, roots of every host, tables, the HNSW index and settings.")

    @OptionGroup var global: GlobalOptions

    /// What is inspected: the SQLite file or the PostgreSQL database.
    private enum Inspected: Sendable {
        case sqlite(IndexInspection)
        case postgres(PostgresInspection)
    }

    func run() async throws {
        let shown = try await global.withEngine { engine -> Inspected in
            if let postgres = try await engine.diagnostics.postgresInspection() { return .postgres(postgres) }
            return .sqlite(try engine.diagnostics.inspect())
        }
        let inspection: IndexInspection
        switch shown {
        case .postgres(let postgres):
            try show(postgres)
            return
        case .sqlite(let sqlite):
            inspection = sqlite
        }
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

    private func show(_ inspection: PostgresInspection) throws {
        if global.printsJSON {
            try JSONOutput.print(inspection)
            return
        }
        print(Terminal.bold("Index") + " \(TerminalText.line(inspection.store))")
        print("  size        \(ByteFormat.string(inspection.databaseBytes)) (the whole database)")
        print("  server      PostgreSQL \(inspection.versions.postgresql), pgvector \(inspection.versions.pgvector)")
        print("  schema      \(inspection.schemaVersion) (migrations \(inspection.migrations.joined(separator: ", ")))")
        print("  model       \(inspection.model) (\(inspection.dimension) dimensions)")
        for root in inspection.roots {
            print("  root        \(TerminalText.line(root.path)) (\(TerminalText.line(root.namespace))\(root.namespace == inspection.namespace ? ", this host" : ""))")
        }
        let hnsw = inspection.vectorIndex
        let state = !hnsw.exists ? Terminal.yellow("missing") : !hnsw.valid ? Terminal.red("invalid") : ByteFormat.string(hnsw.bytes)
        print("  hnsw        \(hnsw.name) \(hnsw.options.joined(separator: " ")) \(state), ef_search \(hnsw.efSearch)")
        let settings = inspection.serverSettings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        print("  settings    \(settings.joined(separator: " "))")
        var table = TextTable([("table", .left), ("rows", .right), ("bytes", .right)])
        for entry in inspection.tables { table.append([entry.name, String(entry.rows), ByteFormat.string(entry.bytes)]) }
        print("")
        for line in table.lines(indent: "  ") { print(line) }
    }
}
