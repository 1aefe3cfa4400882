import Foundation
import SeekTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An index this user may read but not write (another user's): the read commands work, the
/// write commands say it is read-only, the doctor speaks of permissions. The index belongs to
/// root; the commands run as `nobody` through `runuser`.
@Suite(.serialized, .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"),
                             "needs root and runuser to run seek as another user"))
struct ReadOnlyIndexTests {
    func asNobody(_ fixture: CLIFixture, _ arguments: [String]) throws -> SeekProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "nobody", "--", try SeekBinary.path()] + arguments
        process.currentDirectoryURL = fixture.directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["HOME"] = "/nonexistent"
        environment["XDG_CONFIG_HOME"] = "/nonexistent"
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SeekProcess.Result(status: process.terminationStatus, standardOutput: outData, standardError: String(decoding: errData, as: UTF8.self))
    }

    @Test func readCommandsWorkAndWriteCommandsSayTheIndexIsReadOnly() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        // Let `nobody` reach the scratch folder (read and traverse only).
        #expect(chmod(fixture.directory.path, 0o755) == 0)

        for arguments in [["status", "--json"], ["files", "--json"], ["search", "boundary layer", "--mode", "keyword", "--json"],
                          ["validate", "--json"], ["inspect", "--json"]] {
            let result = try asNobody(fixture, arguments)
            #expect(result.status == 0, "\(arguments): \(result.standardError)")
        }
        let show = try asNobody(fixture, ["show", fixture.directory.appendingPathComponent("docs/1.txt").path, "--json"])
        #expect(show.status == 0, "\(show.standardError)")

        let index = try asNobody(fixture, ["index", "--json"])
        #expect(index.status != 0)
        #expect(index.standardError.contains("read-only"), "\(index.standardError)")
        let remove = try asNobody(fixture, ["remove", "docs", "--json"])
        #expect(remove.status != 0 && remove.standardError.contains("read-only"))

        let doctor = try asNobody(fixture, ["doctor", "--json"])
        let checks = try #require(try doctor.json()["checks"] as? [[String: Any]])
        let permissions = try #require(checks.first { $0["check"] as? String == "permissions" })
        #expect(permissions["ok"] as? Bool == false)
        #expect((permissions["detail"] as? String)?.contains("can be read but not written") == true)
        #expect(!(doctor.output.contains("delete")), "the doctor must not advise deleting someone's index")
    }
}
