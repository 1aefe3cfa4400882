import ArgumentParser
import SeekEngine

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the model, BLAS, SQLite, the index and its pragmas; say how to fix each problem; exit 1 on a failure.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try await global.withEngine { await $0.diagnostics.doctor() }
        if global.printsJSON {
            try JSONOutput.print(report)
        } else {
            let width = report.checks.map(\.check.count).max() ?? 0
            for check in report.checks {
                let name = check.check.padding(toLength: width, withPad: " ", startingAt: 0)
                print((check.ok ? Terminal.green("✓") : Terminal.red("✗")) + " \(name)  \(TerminalText.line(check.detail))")
                if let fix = check.fix {
                    print("  " + String(repeating: " ", count: width) + "  " + Terminal.yellow("fix: ") + TerminalText.line(fix))
                }
            }
        }
        if !report.ok { throw ExitCode(1) }
    }
}
