import ArgumentParser
import SeekEngine

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Copy the SQLite index into PostgreSQL (--to) or back (--from), vectors included.",
        discussion: """
            seek export --to postgres://user@host/db copies the index of --index (files, text, chunks, vectors) into the \
            database, in the URL's namespace (?namespace=, default the host name); seek export --from postgres://... copies \
            that namespace into the SQLite index of --index. Nothing is embedded again. Running it again replaces each \
            file's rows, so an interrupted copy is finished by running it again. Links and tags are not carried.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Copy the SQLite index into this postgres:// database.")
    var to: String?

    @Option(name: .long, help: "Copy this postgres:// database's namespace into the SQLite index.")
    var from: String?

    func validate() throws {
        guard (to == nil) != (from == nil) else { throw ValidationError("give one of --to postgres://... or --from postgres://...") }
        guard global.store == nil else { throw ValidationError("export copies between --index and the URL of --to/--from; leave out --store") }
    }

    func run() async throws {
        let report = try await global.withEngine { engine in
            if let to { try await engine.transfer.copy(toPostgres: to) } else { try await engine.transfer.copy(fromPostgres: from ?? "") }
        }
        if global.printsJSON {
            try JSONOutput.print(report)
        } else {
            print("\(Terminal.green("✓")) \(report.filesIndexed) files (\(report.chunks) chunks) and \(report.filesUnindexed) failed or skipped "
                  + "copied from \(TerminalText.line(report.from)) to \(TerminalText.line(report.to)) in \(String(format: "%.1f", report.seconds)) s")
            for refused in report.refused { print(Terminal.red("✗ ") + TerminalText.line("\(refused.path): \(refused.reason)")) }
        }
        if !report.refused.isEmpty { throw ExitCode(1) }
    }
}
