import ArgumentParser
import SeekEngine

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the index's invariants and compare it with the previous snapshot; exit 1 on errors.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try await global.withEngine { try await $0.diagnostics.validateStore() }
        if global.printsJSON {
            try JSONOutput.print(report)
        } else {
            for error in report.errors { print(Terminal.red("✗ error   ") + TerminalText.line(error)) }
            for warning in report.warnings { print(Terminal.yellow("! warning ") + TerminalText.line(warning)) }
            if report.ok {
                print(Terminal.green("ok") + (report.warnings.isEmpty ? "" : Terminal.dim(report.warnings.count == 1 ? " (1 warning)" : " (\(report.warnings.count) warnings)")))
            } else {
                print(Terminal.red(report.errors.count == 1 ? "1 error" : "\(report.errors.count) errors") + Terminal.dim(" — `seek index --rebuild` re-indexes the roots into a fresh database"))
            }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
