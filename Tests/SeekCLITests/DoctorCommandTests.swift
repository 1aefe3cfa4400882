import Foundation
import SeekTestSupport
import Testing

/// `seek doctor` on a healthy setup, without a model, and without an index.
@Suite(.serialized)
struct DoctorCommandTests {
    @Test func aHealthySetupPassesEveryCheck() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let result = try fixture.seek("doctor", "--json")
        #expect(result.status == 0, "\(result.output)")
        let report = try result.json()
        #expect(report["ok"] as? Bool == true)
        let checks = try #require(report["checks"] as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } == ["model", "blas", "precision", "sqlite", "index", "permissions", "pragmas"])
        #expect((checks[1]["detail"] as? String ?? "").contains("(core "))
        #expect((checks[1]["detail"] as? String ?? "").contains("known-answer check passed"))
        for check in checks {
            #expect(check["ok"] as? Bool == true, "\(check)")
            #expect(!((check["detail"] as? String) ?? "").isEmpty)
            #expect(check["fix"] is NSNull)
        }
    }

    @Test func anEmptyModelDirectoryFailsTheModelCheck() throws {
        let fixture = try CLIFixture()
        try fixture.writeCranfield(0..<3)
        #expect(try fixture.seek("index", "docs", "--in-process", "--json").status == 0)
        let empty = try TemporaryDirectory("seek-empty-model")
        defer { empty.remove() }
        let result = try SeekProcess.run(["doctor", "--json"], in: fixture.directory, environment: ["SEEK_MODEL_DIR": empty.path])
        #expect(result.status != 0)
        let checks = try #require(try result.json()["checks"] as? [[String: Any]])
        let failed = checks.filter { $0["ok"] as? Bool == false }
        #expect(failed.map { $0["check"] as? String } == ["model"])
        #expect((failed.first?["detail"] as? String)?.contains(empty.path) == true)
        #expect((failed.first?["fix"] as? String)?.contains("seek model fetch") == true)
    }

    @Test func aMissingIndexIsAFailedCheckWithItsFix() throws {
        let fixture = try CLIFixture()
        let result = try fixture.seek("doctor", "--json")
        #expect(result.status != 0)
        let checks = try #require(try result.json()["checks"] as? [[String: Any]])
        let index = try #require(checks.first { $0["check"] as? String == "index" })
        #expect(index["ok"] as? Bool == false)
        #expect(index["fix"] as? String == "run `seek index FOLDER`")
        #expect(checks.first { $0["check"] as? String == "model" }?["ok"] as? Bool == true)
    }
}
