import Foundation
import SeekTestSupport
import Testing

/// What indexed content and file names can do to a terminal: nothing. Titles and names holding
/// escape sequences (`ESC ] 0 ;` sets the window title, `ESC ] 52 ;` writes the clipboard) are
/// shown as visible escapes by every command that prints them on a terminal (a pseudo-terminal
/// through `script`), one file per line; JSON keeps the exact text.
@Suite(.serialized)
struct TerminalOutputTests {
    static let titleAttack = "Quarterly \u{1B}]0;pwned\u{07}report \u{1B}]52;c;ZXZpbA==\u{07}done"
    static let nameAttack = "evil\u{1B}[2Jname\nsecond-line\t.md"

    /// Runs `seek arguments…` on a pseudo-terminal (`script -q -c … /dev/null`), colours off.
    func onTerminal(_ fixture: CLIFixture, _ arguments: [String]) throws -> String {
        let seek = try SeekBinary.path()
        let command = ([seek] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = fixture.directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERM"] = "dumb"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func prepare() throws -> CLIFixture {
        let fixture = try CLIFixture()
        try fixture.scratch.write("# \(Self.titleAttack)\n\nNotes about the turbine blade inspection schedule.", to: "docs/title.md")
        try fixture.scratch.write("Turbine blade notes in a file with a hostile name.", to: "docs/\(Self.nameAttack)")
        let index = try fixture.seek("index", "docs", "--in-process", "--json")
        #expect(index.status == 0, "\(index.standardError)")
        return fixture
    }

    @Test func everyCommandShowsEscapesVisiblyOnATerminal() throws {
        let fixture = try prepare()
        let commands: [[String]] = [
            ["search", "turbine blade", "--mode", "keyword"], ["files"], ["show", "docs/title.md"], ["status"],
        ]
        for arguments in commands {
            let output = try onTerminal(fixture, arguments)
            #expect(!output.contains("\u{1B}"), "\(arguments): a raw ESC reached the terminal: \(output.debugDescription)")
            #expect(!output.contains("\u{07}"), "\(arguments): a raw BEL reached the terminal")
        }
        let search = try onTerminal(fixture, ["search", "turbine blade", "--mode", "keyword"])
        #expect(search.contains("Quarterly \\x1b]0;pwned\\x07report"))
        let files = try onTerminal(fixture, ["files"])
        #expect(files.contains("evil\\x1b[2Jname\\nsecond-line\\t.md"), "one file, one line")
        #expect(files.split(separator: "\n").filter { $0.contains("evil") }.count == 1)
    }

    @Test func jsonKeepsTheExactText() throws {
        let fixture = try prepare()
        let response = try fixture.seek("search", "turbine blade", "--mode", "keyword", "--json").json()
        let results = try #require(response["results"] as? [[String: Any]])
        #expect(results.contains { $0["title"] as? String == Self.titleAttack })
        let rows = try fixture.seek("files", "--json").jsonArray()
        #expect(rows.contains { ($0["path"] as? String)?.hasSuffix(Self.nameAttack) == true })
    }

    @Test func errorMessagesNamingAHostilePathAreSafeToo() throws {
        let fixture = try CLIFixture()
        let output = try onTerminal(fixture, ["index", "missing\u{1B}]0;pwned\u{07}folder"])
        #expect(!output.contains("\u{1B}"))
        #expect(output.contains("missing\\x1b]0;pwned\\x07folder"))
    }

    @Test func theProfileTableAddsUpTo100Percent() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<6)
        let output = try onTerminal(fixture, ["index", "docs", "--in-process", "--profile"])
        // The progress bar shares the terminal: keep what each line shows after its last carriage return.
        // A terminal ends lines with "\r\n", which Swift counts as one Character: make it "\n" first.
        let lines = output.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { line in String(line.split(separator: "\r").last ?? "") }
        let start = try #require(lines.firstIndex { $0.hasPrefix("Profile: ") })
        var percentages: [Double] = []
        for line in lines[(start + 1)...] {
            guard let percent = line.split(separator: " ").first(where: { $0.hasSuffix("%") }) else { break }
            percentages.append(try #require(Double(percent.dropLast())))
        }
        #expect(percentages.count == 6, "scan, parse, chunk, embed, write, waiting")
        // Each printed share is rounded to 0.1%.
        let total: Double = percentages.reduce(0, +)
        let tolerance: Double = 0.05 * Double(percentages.count) + 1e-9
        #expect(abs(total - 100) <= tolerance)
    }

    @Test func anEmptyListSaysSoInsteadOfPrintingNothing() throws {
        let fixture = try prepare()
        #expect(try onTerminal(fixture, ["files", "--failed"]).contains("No failed files."))
    }
}
